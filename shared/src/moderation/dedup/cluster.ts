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
    const seen = new Set<number>();
    for (const band of print.bands) for (const id of byBand.get(band) ?? []) seen.add(id);
    const match = closestDuplicate(
      print,
      [...seen].map((id) => ({ id, print: leaders[id]! })),
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
