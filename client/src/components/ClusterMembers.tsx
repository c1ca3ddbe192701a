import type { Question } from '@dais/shared';
import { useBusy } from '../hooks/useBusy';
import { authorLabel } from '../lib/questions';
import { moveQuestion } from '../realtime/commands';
import { useClusterMembers } from '../store/selectors';

/** The near-duplicates merged under a cluster leader, each of which can be split out again. */
export function ClusterMembers({ leaderId }: { leaderId: string }) {
  const members = useClusterMembers(leaderId);
  if (members.length === 0) return null;
  return (
    <details className="cluster">
      <summary className="cluster__toggle" data-testid="cluster-toggle">
        {members.length} merged {members.length === 1 ? 'question' : 'questions'}
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
  const [busy, run] = useBusy();
  return (
    <li className="cluster__member" data-testid="cluster-member" data-id={question.id}>
      <p className="cluster__text">{question.text}</p>
      <div className="card__meta">
        <span className="card__author">{authorLabel(question)}</span>
        <button
          type="button"
          className="button button--small"
          data-testid="split"
          title="Take it out of this cluster: it becomes a question of its own"
          disabled={busy}
          onClick={() => void run(() => moveQuestion('split', question.id))}
        >
          Split
        </button>
      </div>
    </li>
  );
}
