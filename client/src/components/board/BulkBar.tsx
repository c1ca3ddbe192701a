import { useTranslation } from 'react-i18next';
import { useBusy } from '../../hooks/useBusy';
import { runBulk, type BulkAction } from './boardActions';
import { useBoard } from './boardStore';

const BULK: { action: BulkAction; testId: string; className: string }[] = [
  { action: 'approve', testId: 'bulk-approve', className: 'button--primary' },
  { action: 'upNext', testId: 'bulk-upnext', className: '' },
  { action: 'reject', testId: 'bulk-reject', className: 'button--danger' },
];

/** While questions are ticked: how many, and what to do with all of them. */
export function BulkBar() {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const count = useBoard((state) => Object.keys(state.picked).length);
  if (count === 0) return null;
  return (
    <div
      className="bulk-bar"
      role="region"
      aria-label={t('board.bulk.label')}
      data-testid="bulk-bar"
    >
      <span className="bulk-bar__count">{t('board.bulk.count', { count })}</span>
      {BULK.map(({ action, testId, className }) => (
        <button
          key={action}
          type="button"
          className={`button button--small ${className}`}
          data-testid={testId}
          disabled={busy}
          onClick={() => void run(() => runBulk(action))}
        >
          {t(`board.bulk.${action}`)}
        </button>
      ))}
      <button
        type="button"
        className="button button--small button--quiet"
        data-testid="bulk-clear"
        onClick={() => useBoard.getState().clearPicks()}
      >
        {t('board.bulk.clear')}
      </button>
    </div>
  );
}
