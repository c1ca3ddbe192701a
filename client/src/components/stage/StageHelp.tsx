import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { keyLabel, STAGE_KEYS } from './stageKeys';

/** The keys of the stage, from the same table the keyboard reads. */
export function StageHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="stage-overlay" onClick={onClose}>
      <div
        className="stage-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="stage-help-title"
        data-testid="stage-help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="stage-help-title" className="stage-help__title">
          {t('stage.help.title')}
        </h2>
        <dl className="stage-help__keys">
          {STAGE_KEYS.map(({ action, keys }) => (
            <Fragment key={action}>
              <dt data-action={action}>
                {keys.map((key) => (
                  <kbd key={key}>{keyLabel(key, t)}</kbd>
                ))}
              </dt>
              <dd>{t(`stage.help.actions.${action}`)}</dd>
            </Fragment>
          ))}
        </dl>
        <p className="stage-help__note">{t('stage.help.note')}</p>
        <button type="button" className="button" data-testid="stage-help-close" onClick={onClose}>
          {t('stage.help.close')}
        </button>
      </div>
    </div>
  );
}
