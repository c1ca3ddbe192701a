import type { EventInfo } from '@dais/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventHeader } from '../components/EventHeader';
import { JoinPanel } from '../components/stage/JoinPanel';
import { LiveQuestion } from '../components/stage/LiveQuestion';
import { publicView } from '../components/stage/publicView';
import { StageControls } from '../components/stage/StageControls';
import { StageHelp } from '../components/stage/StageHelp';
import type { StageAction } from '../components/stage/stageKeys';
import { UpNext } from '../components/stage/UpNext';
import { useFullscreen } from '../components/stage/useFullscreen';
import { useStageCommands } from '../components/stage/useStageCommands';
import { useStageKeys } from '../components/stage/useStageKeys';
import { useStageTheme } from '../components/stage/useStageTheme';
import { useUpNext } from '../components/stage/useUpNext';
import { audienceUrl } from '../lib/urls';
import { useLiveQuestion } from '../store/selectors';

/**
 * The big screen a guest answers from: the live question, what comes next, and how
 * to join. Driven by a keyboard or a presentation clicker (see stageKeys.ts); the
 * stage key allows only show, answer, next and skip.
 */
export function StagePage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const stored = useLiveQuestion();
  const live = stored && publicView(stored);
  const upNext = useUpNext();
  const commands = useStageCommands(live?.id);
  const fullscreen = useFullscreen();
  const theme = useStageTheme();
  const [help, setHelp] = useState(false);
  // "j" shows or hides the join panel for the question on stage now; by default it
  // shows only when the stage is empty.
  const [joinChoice, setJoinChoice] = useState<{ liveId?: string; shown: boolean }>();
  const joinShown = joinChoice && joinChoice.liveId === live?.id ? joinChoice.shown : !live;

  const onAction = (action: StageAction) => {
    if (action === 'next') commands.next();
    else if (action === 'skip') commands.skip();
    else if (action === 'answered') commands.answered();
    else if (action === 'join') setJoinChoice({ liveId: live?.id, shown: !joinShown });
    else if (action === 'fullscreen') fullscreen.toggle();
    else if (action === 'theme') theme.toggle();
    else if (action === 'help') setHelp((open) => !open);
    else if (help) setHelp(false);
    else if (live && joinShown) setJoinChoice({ liveId: live.id, shown: false });
  };
  useStageKeys(onAction);

  return (
    <div
      className="page page--stage"
      data-theme={theme.theme}
      data-fullscreen={fullscreen.active}
      // A button clicked with the mouse lets go of the focus, so Space and Enter from
      // a clicker keep meaning next and answered rather than "that button again".
      onClickCapture={(e) => {
        if (e.detail > 0 && e.target instanceof Element) e.target.closest('button')?.blur();
      }}
    >
      <title>{t('stage.pageTitle', { title: event.title })}</title>
      <EventHeader event={event}>
        <span className="stage-join">{t('stage.askAt', { url: audienceUrl(event.code) })}</span>
      </EventHeader>
      <main className="stage-main">
        {live ? (
          <LiveQuestion question={live} />
        ) : (
          <div className="stage-idle">
            <p className={`stage-empty ${joinShown ? 'stage-empty--small' : ''}`}>
              {t('stage.empty')}
            </p>
            {joinShown && <JoinPanel code={event.code} overlay={false} />}
          </div>
        )}
        <StageControls
          hasLive={Boolean(live)}
          canAdvance={Boolean(live) || upNext.preview.length > 0}
          busy={commands.busy}
          fullscreen={fullscreen}
          theme={theme.theme}
          onAction={onAction}
        />
      </main>
      <UpNext {...upNext} busy={commands.busy} onShow={commands.show} />
      {live && joinShown && (
        <div className="stage-overlay" onClick={() => onAction('join')}>
          <JoinPanel code={event.code} overlay />
        </div>
      )}
      {help && <StageHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
