import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { LOCALE_TAGS, useLanguage } from '../../i18n';
import { useAppStore } from '../../store';
import { measureBacklog } from './boardModel';

const TICK_MS = 10_000;

/**
 * Are the moderators keeping up? Questions arriving vs first decisions per minute over
 * the last five minutes, with a bar of decided/arrived; amber when the backlog grows.
 */
export function BacklogMeter({ eventCreatedAt }: { eventCreatedAt: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const questions = useAppStore((state) => state.questions);
  const now = useNow(TICK_MS);
  const backlog = useMemo(
    () => measureBacklog(Object.values(questions), now, eventCreatedAt),
    [questions, now, eventCreatedAt],
  );
  const rate = new Intl.NumberFormat(LOCALE_TAGS[language], { maximumFractionDigits: 1 });
  const keptUp =
    backlog.arrivals === 0 ? 100 : Math.min(100, (backlog.decisions / backlog.arrivals) * 100);
  return (
    <div
      className={`backlog ${backlog.growing ? 'backlog--growing' : ''}`}
      data-testid="backlog-meter"
      data-state={backlog.growing ? 'growing' : 'steady'}
      title={t('board.backlog.title')}
    >
      <span className="backlog__rates">
        {t('board.backlog.rates', {
          arrivals: rate.format(backlog.arrivals),
          decisions: rate.format(backlog.decisions),
        })}
      </span>
      <span className="backlog__bar" aria-hidden="true">
        <span className="backlog__fill" style={{ width: `${keptUp}%` }} />
      </span>
      <span className="backlog__waiting">
        {backlog.growing
          ? t('board.backlog.growing', { count: backlog.waiting })
          : t('board.backlog.waiting', { count: backlog.waiting })}
      </span>
    </div>
  );
}
