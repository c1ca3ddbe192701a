import { fingerprint, isDuplicate, similarity, type Comparable } from './fingerprint';

/**
 * The candidate the new question duplicates most closely, or null. This is the
 * decision of every index, in Redis or in memory: a question joins the cluster of
 * its most similar duplicate.
 * @example closestDuplicate(fingerprint('How can kids report bullying?'), candidates)?.leaderId
 */
export function closestDuplicate<C extends { print: Comparable }>(
  print: Comparable,
  candidates: Iterable<C>,
): C | null {
  let best: { candidate: C; score: number } | null = null;
  for (const candidate of candidates) {
    if (!isDuplicate(print, candidate.print)) continue;
    const score = similarity(print, candidate.print);
    if (!best || score > best.score) best = { candidate, score };
  }
  return best?.candidate ?? null;
}

/**
 * How many candidates a new question is compared with: those sharing the most LSH
 * bands with it. The number of shared bands grows with the Jaccard index (a pair at
 * J shares b·J^r bands on average: 4.4 at the threshold 0.6, 14 at 0.8), so the
 * duplicates rank first, and a crowd of merely similar questions cannot make one
 * lookup slow.
 */
export const MAX_CANDIDATES = 32;

/** Ids by how many of the given band lists they appear in, most first, at most `limit`. */
export function rankByBandHits<Id>(
  bandMembers: Iterable<Iterable<Id>>,
  limit = MAX_CANDIDATES,
): Id[] {
  const hits = new Map<Id, number>();
  for (const members of bandMembers)
    for (const id of members) hits.set(id, (hits.get(id) ?? 0) + 1);
  return [...hits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * An in-memory near-duplicate index with the same steps as the server's Redis one
 * (LSH bands of cluster leaders → candidates → closestDuplicate), for benchmarks
 * and previews.
 * @example const index = createDedupIndex(); index.add('Hi?'); index.add('hi') // { leader: 0, duplicate: true }
 */
export function createDedupIndex() {
  const leaders: Comparable[] = [];
  const byBand = new Map<string, number[]>();

  function add(text: string): { leader: number; duplicate: boolean } {
    const print = fingerprint(text);
    const ranked = rankByBandHits<number>(print.bands.map((band) => byBand.get(band) ?? []));
    const match = closestDuplicate(
      print,
      ranked.map((id) => ({ id, print: leaders[id]! })),
    );
    if (match) return { leader: match.id, duplicate: true };
    const id = leaders.push({ tokens: print.tokens }) - 1;
    for (const band of print.bands) {
      const ids = byBand.get(band);
      if (ids) ids.push(id);
      else byBand.set(band, [id]);
    }
    return { leader: id, duplicate: false };
  }

  return {
    add,
    get clusters() {
      return leaders.length;
    },
  };
}
