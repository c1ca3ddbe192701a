import type { EventInfo, Failure, Summary } from '@dais/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EventHeader } from '../components/EventHeader';
import { ExportMenu } from '../components/ExportMenu';
import { PerMinuteChart } from '../components/summary/PerMinuteChart';
import { SummaryCounts } from '../components/summary/SummaryCounts';
import { AnsweredList, TopClusters } from '../components/summary/SummaryLists';
import { ModerateLink } from '../components/summary/SummaryLink';
import { useBusy } from '../hooks/useBusy';
import { useDateTime } from '../hooks/useDateTime';
import { errorText } from '../i18n/errors';
import { readSummary } from '../realtime/commands';

/** Questions asked, answered, and the busiest minute. */
function Totals({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const { time } = useDateTime();
  const asked = Object.values(summary.byStatus).reduce((sum, count) => sum + count, 0);
  const busiest = summary.perMinute.reduce<Summary['perMinute'][number] | null>(
    (top, minute) => (!top || minute.questions > top.questions ? minute : top),
    null,
  );
  return (
    <dl className="summary-totals">
      <div className="summary-total" data-testid="summary-total" data-count={asked}>
        <dt>{t('summary.totals.questions')}</dt>
        <dd>{asked}</dd>
      </div>
      <div className="summary-total">
        <dt>{t('summary.totals.answered')}</dt>
        <dd>{summary.byStatus.answered ?? 0}</dd>
      </div>
      {busiest && (
        <div className="summary-total">
          <dt>{t('summary.totals.peak')}</dt>
          <dd>
            {t('summary.totals.peakValue', {
              count: busiest.questions,
              time: time(busiest.minute),
            })}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * `/e/:code/summary#KEY`, moderators: the event at a glance (questions per minute,
 * counts by state and filter reason, most asked, answered), read with `event:summary`
 * when the page opens and on Refresh.
 */
export function SummaryPage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const { timeSeconds } = useDateTime();
  const [summary, setSummary] = useState<{ data: Summary; at: number } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, run] = useBusy();

  const load = useCallback(
    () =>
      readSummary().then((result) => {
        setFailure(result.ok ? null : result);
        if (result.ok) setSummary({ data: result.data, at: Date.now() });
      }),
    [],
  );
  useEffect(() => void load(), [load]);

  return (
    <div className="page page--summary">
      <title>{t('summary.pageTitle', { title: event.title })}</title>
      <EventHeader event={event}>
        <nav className="summary__nav">
          <ModerateLink code={event.code} />
          <ExportMenu code={event.code} />
          <button
            type="button"
            className="button button--small"
            data-testid="summary-refresh"
            disabled={busy}
            onClick={() => void run(load)}
          >
            {t('summary.refresh')}
          </button>
        </nav>
      </EventHeader>
      <main className="summary">
        <div className="summary__heading">
          <h2 data-testid="summary-heading">{t('summary.heading')}</h2>
          {summary && (
            <span className="setting__hint">
              {t('summary.updated', { time: timeSeconds(summary.at) })}
            </span>
          )}
        </div>
        {failure && <p className="feedback feedback--error">{errorText(failure)}</p>}
        {!summary && !failure && <p className="empty">{t('summary.loading')}</p>}
        {summary && (
          <>
            <Totals summary={summary.data} />
            <section className="panel summary__section">
              <h3>{t('summary.chart.heading')}</h3>
              <PerMinuteChart perMinute={summary.data.perMinute} />
            </section>
            <SummaryCounts summary={summary.data} />
            <div className="summary__lists">
              <TopClusters questions={summary.data.topClusters} />
              <AnsweredList questions={summary.data.answered} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
