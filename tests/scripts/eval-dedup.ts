/**
 * Scores the production near-duplicate decision (`isDuplicate` at DUPLICATE_THRESHOLD)
 * on a labelled TSV of question pairs (header `text_a text_b label`, label 1 = same).
 *
 *   pnpm --silent eval:dedup tests/data/dedup-en.tsv [--json]
 *
 * FILE is relative to the directory pnpm was started from. A file that cannot be read
 * as such pairs is reported on stderr with exit code 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DUPLICATE_THRESHOLD, fingerprint, isDuplicate, similarity } from '@dais/shared';

/** One labelled pair. */
export interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
}

/** How the decision fares on a set of pairs; precision and recall are 0 when undefined. */
export interface Evaluation {
  pairs: number;
  precision: number;
  recall: number;
  f1: number;
  threshold: number;
}

/** Reads `text_a`, `text_b`, `label` (0 or 1) by header name; throws with the line at fault. */
export function readPairs(path: string): LabelledPair[] {
  const [header = '', ...rows] = readFileSync(path, 'utf8').split(/\r?\n/);
  const columns = header.split('\t');
  const [a, b, label] = ['text_a', 'text_b', 'label'].map((name) => columns.indexOf(name));
  if (a === undefined || b === undefined || label === undefined || [a, b, label].includes(-1)) {
    throw new Error('line 1: the header must name the columns text_a, text_b and label');
  }
  const pairs = rows.flatMap((row, i): LabelledPair[] => {
    if (row.trim() === '') return [];
    const cells = row.split('\t');
    if (cells.length !== columns.length) {
      throw new Error(`line ${i + 2}: ${cells.length} columns, the header has ${columns.length}`);
    }
    const value = cells[label]?.trim();
    if (value !== '0' && value !== '1') {
      throw new Error(`line ${i + 2}: label must be 0 or 1, not ${JSON.stringify(value)}`);
    }
    return [{ a: cells[a] ?? '', b: cells[b] ?? '', duplicate: value === '1' }];
  });
  if (pairs.length === 0) throw new Error('no pairs after the header');
  return pairs;
}

/** Decides every pair with `isDuplicate` and counts. */
export function evaluate(pairs: readonly LabelledPair[]): Evaluation {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { a, b, duplicate } of pairs) {
    const said = isDuplicate(fingerprint(a), fingerprint(b));
    if (said && duplicate) truePositives++;
    else if (said) falsePositives++;
    else if (duplicate) falseNegatives++;
  }
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(truePositives, truePositives + falseNegatives);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { pairs: pairs.length, precision, recall, f1, threshold: DUPLICATE_THRESHOLD };
}

/**
 * Diagnostic, never a choice of threshold: precision and recall of the production
 * similarity at every threshold from 0.05 to 1, to show what the method can reach at
 * all on FILE (`--sweep`).
 */
export function sweep(
  pairs: readonly LabelledPair[],
): { threshold: number; precision: number; recall: number }[] {
  const scored = pairs.map((p) => ({
    score: similarity(fingerprint(p.a), fingerprint(p.b)),
    duplicate: p.duplicate,
  }));
  const positives = scored.filter((p) => p.duplicate).length;
  return Array.from({ length: 20 }, (_, i) => {
    const threshold = (i + 1) / 20;
    const said = scored.filter((p) => p.score >= threshold);
    const hits = said.filter((p) => p.duplicate).length;
    return {
      threshold,
      precision: said.length ? hits / said.length : 0,
      recall: positives ? hits / positives : 0,
    };
  });
}

function main(args: readonly string[]): number {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: pnpm --silent eval:dedup FILE [--json | --sweep]\n');
    return 1;
  }
  let result: Evaluation;
  let pairs: LabelledPair[];
  try {
    pairs = readPairs(resolve(process.env.INIT_CWD ?? process.cwd(), file));
    result = evaluate(pairs);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : String((error as Error).message);
    process.stderr.write(`eval-dedup: ${file}: ${reason}\n`);
    return 1;
  }
  if (args.includes('--sweep')) {
    for (const row of sweep(pairs)) {
      process.stdout.write(
        `${row.threshold.toFixed(2)}  precision ${row.precision.toFixed(3)}  recall ${row.recall.toFixed(3)}\n`,
      );
    }
    return 0;
  }
  const { precision, recall, f1, threshold } = result;
  process.stdout.write(
    args.includes('--json')
      ? `${JSON.stringify(result)}\n`
      : `${file}: ${result.pairs} pairs, threshold ${threshold}\n` +
          `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
