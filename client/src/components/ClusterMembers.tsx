import type { Question } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { authorLabel } from '../lib/questions';
import { moveQuestion } from '../realtime/commands';
import { useClusterMembers } from '../store/selectors';

/** The near-duplicates merged under a cluster leader, each of which can be split out again. */
export function ClusterMembers({ leaderId }: { leaderId: string }) {
  const { t } = useTranslation();
  const members = useClusterMembers(leaderId);
  if (members.length === 0) return null;
  return (
    <details className="cluster">
      <summary className="cluster__toggle" data-testid="cluster-toggle">
        {t('cluster.toggle', { count: members.length })}
      </summary>
      <ul className="cluster__members">
        {members.map((member) => (
          <ClusterMember key={member.id} question={member} />
        ))}
      </ul>
    </details>
  );
}

function ClusterMember({ question }: { question: Question }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  return (
    <li className="cluster__member" data-testid="cluster-member" data-id={question.id}>
      <p className="cluster__text">{question.text}</p>
      <div className="card__meta">
        <span className="card__author">{authorLabel(question, t)}</span>
        <button
          type="button"
          className="button button--small"
          data-testid="split"
          title={t('cluster.splitTitle')}
          disabled={busy}
          onClick={() => void run(() => moveQuestion('split', question.id))}
        >
          {t('cluster.split')}
        </button>
      </div>
    </li>
  );
}
