import type { FilterReason } from '@dais/shared';
import { REASON_LABELS } from '../lib/reasons';

/** Why the filter held a question, as small labels. Moderators only. */
export function ReasonLabels({ reasons }: { reasons: readonly FilterReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label="Held by the filter for">
      {reasons.map((reason) => (
        <li key={reason} className={`reason reason--${reason}`}>
          {REASON_LABELS[reason]}
        </li>
      ))}
    </ul>
  );
}
