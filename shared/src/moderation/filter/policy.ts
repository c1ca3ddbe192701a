/**
 * From reasons to a verdict. Moderators choose hold or reject per configurable
 * reason; the others are fixed.
 */
import type { ConfigurableReason, FilterReason, ReasonPolicy, Verdict } from '../types';

type Action = 'hold' | 'reject';

const FIXED_ACTIONS: Readonly<Record<Exclude<FilterReason, ConfigurableReason>, Action>> = {
  safeguarding: 'hold',
  'too-long': 'reject',
  empty: 'reject',
  'emoji-only': 'reject',
};

/**
 * Any reject rejects, else any hold holds, else it passes; but safeguarding always
 * holds, over any reject, so a child at risk reaches a person.
 *
 * @example decideVerdict(['spam', 'safeguarding'], DEFAULT_POLICY) // 'hold'
 * @example decideVerdict(['link'], { ...DEFAULT_POLICY, link: 'reject' }) // 'reject'
 */
export function decideVerdict(reasons: readonly FilterReason[], policy: ReasonPolicy): Verdict {
  return verdictFor(policy)(reasons);
}

/** decideVerdict with the policy compiled once, for a filter's every question. */
export function verdictFor(policy: ReasonPolicy): (reasons: readonly FilterReason[]) => Verdict {
  const actions: Record<FilterReason, Action> = { ...policy, ...FIXED_ACTIONS };
  return (reasons) => {
    if (reasons.length === 0) return 'pass';
    if (reasons.includes('safeguarding')) return 'hold';
    return reasons.some((reason) => actions[reason] === 'reject') ? 'reject' : 'hold';
  };
}
