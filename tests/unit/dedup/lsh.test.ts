import { fileURLToPath } from 'node:url';
import {
  DUPLICATE_THRESHOLD,
  LSH_BANDS,
  LSH_ROWS,
  explainSimilarity,
  fingerprint,
  similarity,
  type Fingerprint,
} from '@dais/shared';
import { describe, expect, it } from 'vitest';
import { readPairs } from '../../scripts/eval-dedup';

function shareBand(a: Fingerprint, b: Fingerprint): boolean {
  const keys = new Set(a.bands);
  return b.bands.some((key) => keys.has(key));
}

/**
 * Pairs of questions of made-up words ("k17" passes normalization unchanged) with
 * `shared` words in common and `own` words each, so their Jaccard index is exactly
 * shared / (shared + 2·own).
 */
function pairsAt(shared: number, own: number, count: number): [Fingerprint, Fingerprint][] {
  let next = 0;
  const words = (n: number): string[] => Array.from({ length: n }, () => `k${next++}`);
  return Array.from({ length: count }, () => {
    const common = words(shared);
    return [
      fingerprint([...common, ...words(own)].join(' ')),
      fingerprint([...words(own), ...common].join(' ')),
    ];
  });
}

/** 1 − (1 − J^r)^b: the chance that a pair at Jaccard index J shares a band. */
const theory = (jaccard: number): number => 1 - (1 - jaccard ** LSH_ROWS) ** LSH_BANDS;

describe('LSH bands', () => {
  it('are shared by every labelled pair at or above the threshold', () => {
    const pairs = ['dedup-en.tsv', 'dedup-zh.tsv'].flatMap((name) =>
      readPairs(fileURLToPath(new URL(`../../data/${name}`, import.meta.url))),
    );
    const close = pairs
      .map(({ a, b }) => [fingerprint(a), fingerprint(b)] as const)
      .filter(([a, b]) => similarity(a, b) >= DUPLICATE_THRESHOLD);
    expect(close.length).toBeGreaterThan(150);
    for (const [a, b] of close) expect(shareBand(a, b)).toBe(true);
  });

  it('are shared by pairs exactly at the threshold ≥ 99 % of the time, as the math says', () => {
    const pairs = pairsAt(6, 2, 3000);
    expect(explainSimilarity(...pairs[0]!).jaccard).toBe(DUPLICATE_THRESHOLD);
    expect(theory(DUPLICATE_THRESHOLD)).toBeGreaterThanOrEqual(0.99);
    const found = pairs.filter(([a, b]) => shareBand(a, b)).length / pairs.length;
    expect(found).toBeGreaterThanOrEqual(0.985);
  });

  it('are rarely shared by unrelated questions', () => {
    const pairs = pairsAt(1, 9, 3000);
    expect(explainSimilarity(...pairs[0]!).jaccard).toBeCloseTo(1 / 19, 10);
    expect(theory(1 / 19)).toBeLessThan(0.001);
    const found = pairs.filter(([a, b]) => shareBand(a, b)).length / pairs.length;
    expect(found).toBeLessThanOrEqual(0.003);
  });

  it('come from a signature that estimates the Jaccard index', () => {
    const agreement = pairsAt(6, 2, 500).map(
      ([a, b]) =>
        a.minhash.filter((value, row) => value === b.minhash[row]).length / a.minhash.length,
    );
    const mean = agreement.reduce((sum, x) => sum + x, 0) / agreement.length;
    expect(mean).toBeGreaterThan(0.58);
    expect(mean).toBeLessThan(0.62);
  });
});
