import type { FilterReason } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { reasonLabel } from '../lib/reasons';

/** Why the filter held a question, as small labels. Moderators only. */
export function ReasonLabels({ reasons }: { reasons: readonly FilterReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={t('card.heldFor')}>
      {reasons.map((reason) => (
        <li key={reason} className={`reason reason--${reason}`}>
          {reasonLabel(t, reason)}
        </li>
      ))}
    </ul>
  );
}
