/**
 * How approved questions are ranked for "Popular" (and for the stage when "Up next"
 * is empty). A question's weight is what the room asked for it; its score adds
 * freshness, so a question must gather e times the weight of one asked
 * `DECAY_MINUTES` later to stay above it (exponential decay of age, without
 * recomputing old scores: the score never changes just because time passes).
 *
 *   weight = 1 + votes + (askedBy - 1) + STAR_BOOST·starred
 *   score  = ln(weight) + createdAt / (DECAY_MINUTES · 60,000)
 *
 * Pinned questions are listed above all others whatever their score. The server
 * keeps the scores in a Redis sorted set, written by the same Lua script that
 * changes a vote, a cluster or a star (it receives these constants).
 */
export const RANKING = {
  /** A star counts like this many votes. */
  STAR_BOOST: 5,
  /** The e-folding time of age. */
  DECAY_MINUTES: 45,
} as const;

/**
 * @example rankScore({ votes: 0, askedBy: 1, starred: false, createdAt: 0 }) // 0
 * @example rankScore({ votes: 1, askedBy: 2, starred: false, createdAt: 0 }) // ln 3 ≈ 1.0986
 */
export function rankScore(q: {
  votes: number;
  askedBy: number;
  starred: boolean;
  createdAt: number;
}) {
  const weight = 1 + q.votes + (q.askedBy - 1) + (q.starred ? RANKING.STAR_BOOST : 0);
  return Math.log(weight) + q.createdAt / (RANKING.DECAY_MINUTES * 60_000);
}

/** Popular: pinned first, then by score, then older first. */
export function byPopularity<Q extends { pinned: boolean; score: number; createdAt: number }>(
  a: Q,
  b: Q,
): number {
  return Number(b.pinned) - Number(a.pinned) || b.score - a.score || a.createdAt - b.createdAt;
}

/** Recent: pinned first, then newest first. */
export function byRecency<Q extends { pinned: boolean; createdAt: number }>(a: Q, b: Q): number {
  return Number(b.pinned) - Number(a.pinned) || b.createdAt - a.createdAt;
}
