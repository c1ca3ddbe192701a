import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog';
import { keyLabel, SHORTCUTS } from './shortcuts';

/** Every board key and what it does ("?"). */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('board.keys.title')} testId="shortcut-sheet" onClose={onClose}>
      <p className="dialog__note">{t('board.keys.note')}</p>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(({ id, keys }) => (
            <tr key={id} data-testid="shortcut" data-id={id}>
              <td className="shortcuts__keys">
                {keys.map((key) => (
                  <kbd key={key}>{keyLabel(key)}</kbd>
                ))}
              </td>
              <td>{t(`board.keys.${id}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
