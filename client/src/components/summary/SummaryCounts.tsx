import { QUESTION_STATUSES, type FilterReason, type Summary } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { reasonLabel } from '../../lib/reasons';

/** One count with its label; `data-count` holds the number for tests and scripts. */
function Count({ testId, label, count }: { testId: string; label: string; count: number }) {
  return (
    <div className="summary-count" data-testid={testId} data-count={count}>
      <dt>{label}</dt>
      <dd>{count}</dd>
    </div>
  );
}

/** How many questions are in each state, and what the filter flagged (most frequent first). */
export function SummaryCounts({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const reasons = Object.entries(summary.byReason).sort(([, a], [, b]) => b - a);
  return (
    <div className="summary__counts">
      <section className="panel summary__section">
        <h3>{t('summary.byStatus')}</h3>
        <dl className="summary-counts">
          {QUESTION_STATUSES.map((status) => (
            <Count
              key={status}
              testId={`summary-status-${status}`}
              label={t(`statusNames.${status}`)}
              count={summary.byStatus[status] ?? 0}
            />
          ))}
        </dl>
      </section>
      <section className="panel summary__section">
        <h3>{t('summary.byReason')}</h3>
        {reasons.length === 0 ? (
          <p className="empty">{t('summary.noReasons')}</p>
        ) : (
          <dl className="summary-counts">
            {reasons.map(([reason, count]) => (
              <Count
                key={reason}
                testId={`summary-reason-${reason}`}
                label={reasonLabel(t, reason as FilterReason)}
                count={count}
              />
            ))}
          </dl>
        )}
      </section>
    </div>
  );
}
