import { useTranslation } from 'react-i18next';
import { useClock } from '../../hooks/useClock';
import { useAppStore } from '../../store';

/** 75 s → "1:15"; an hour and more → "1:02:05". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * How long the live question has been on stage, from its `statusAt` (the server's
 * clock, brought to this screen's clock by the offset measured at join, so a screen
 * whose clock is wrong still counts from zero).
 */
export function StageTimer({ since }: { since: number }) {
  const { t } = useTranslation();
  const localSince = since - useAppStore((state) => state.clockOffset);
  const elapsed = formatElapsed(useClock(localSince) - localSince);
  return (
    <time
      className="stage-timer"
      data-testid="stage-timer"
      dateTime={new Date(since).toISOString()}
      aria-label={t('stage.onStageFor', { time: elapsed })}
    >
      {elapsed}
    </time>
  );
}
