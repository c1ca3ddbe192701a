import { useTranslation } from 'react-i18next';
import type { StageAction } from './stageKeys';
import type { StageTheme } from './useStageTheme';

interface StageControlsProps {
  hasLive: boolean;
  canAdvance: boolean;
  busy: boolean;
  fullscreen: { active: boolean; available: boolean };
  theme: StageTheme;
  onAction: (action: StageAction) => void;
}

/** The guest's buttons: faint until pointed at, for the keys do the same (see the help). */
export function StageControls({
  hasLive,
  canAdvance,
  busy,
  fullscreen,
  theme,
  onAction,
}: StageControlsProps) {
  const { t } = useTranslation();
  return (
    <nav className="stage-controls" aria-label={t('stage.controls')}>
      <div className="stage-controls__moves">
        <button
          type="button"
          className="button button--stage"
          data-testid="stage-skip"
          disabled={busy || !hasLive}
          onClick={() => onAction('skip')}
        >
          {t('stage.skip')}
        </button>
        <button
          type="button"
          className="button button--stage"
          data-testid="stage-answered"
          disabled={busy || !hasLive}
          onClick={() => onAction('answered')}
        >
          {t('stage.answered')}
        </button>
        <button
          type="button"
          className="button button--stage button--primary"
          data-testid="stage-next"
          disabled={busy || !canAdvance}
          onClick={() => onAction('next')}
        >
          {t('stage.next')}
        </button>
      </div>
      <div className="stage-controls__tools">
        <button
          type="button"
          className="button button--small"
          data-testid="stage-join-toggle"
          onClick={() => onAction('join')}
        >
          {t('stage.join.toggle')}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="stage-fullscreen"
          aria-pressed={fullscreen.active}
          disabled={!fullscreen.available}
          onClick={() => onAction('fullscreen')}
        >
          {fullscreen.active ? t('stage.exitFullscreen') : t('stage.fullscreen')}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="stage-theme"
          onClick={() => onAction('theme')}
        >
          {theme === 'dark' ? t('stage.theme.toLight') : t('stage.theme.toDark')}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="stage-help-toggle"
          aria-label={t('stage.help.title')}
          onClick={() => onAction('help')}
        >
          ?
        </button>
      </div>
    </nav>
  );
}
