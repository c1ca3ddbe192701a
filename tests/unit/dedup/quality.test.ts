import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DUPLICATE_THRESHOLD } from '@dais/shared';
import { describe, expect, it } from 'vitest';
import { evaluate, readPairs } from '../../scripts/eval-dedup';

const dataFile = (name: string): string =>
  fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/eval-dedup.ts', import.meta.url));

/** Runs the script as `pnpm eval:dedup` does, without pnpm's INIT_CWD. */
function runScript(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.INIT_CWD;
  return spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    encoding: 'utf8',
    env,
  });
}

// Quality bars, not timing: precision first, and still more than half the duplicates.
describe.each([
  ['dedup-en.tsv', 300],
  ['dedup-zh.tsv', 200],
])('%s', (name, minimumPairs) => {
  const pairs = readPairs(dataFile(name));

  it(`has at least ${minimumPairs} pairs, about half of them duplicates`, () => {
    expect(pairs.length).toBeGreaterThanOrEqual(minimumPairs);
    const duplicates = pairs.filter((pair) => pair.duplicate).length / pairs.length;
    expect(duplicates).toBeGreaterThan(0.4);
    expect(duplicates).toBeLessThan(0.6);
  });

  it('is decided with precision ≥ 0.90 and recall ≥ 0.55', () => {
    const result = evaluate(pairs);
    expect(result.threshold).toBe(DUPLICATE_THRESHOLD);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.recall).toBeGreaterThanOrEqual(0.55);
  });
});

describe('pnpm eval:dedup', () => {
  it('prints exactly one JSON object with --json', () => {
    const run = runScript(dataFile('dedup-zh.tsv'), '--json');
    expect(run.status).toBe(0);
    const result: unknown = JSON.parse(run.stdout);
    expect(Object.keys(result as object).sort()).toEqual(
      ['f1', 'pairs', 'precision', 'recall', 'threshold'].sort(),
    );
    expect(result).toEqual(evaluate(readPairs(dataFile('dedup-zh.tsv'))));
  });

  it('prints precision, recall, F1 and the pair count for a person', () => {
    const run = runScript(dataFile('dedup-en.tsv'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /341 pairs, threshold 0\.6\nprecision 0\.\d{3} {2}recall 0\.\d{3} {2}F1 0\.\d{3}\n/,
    );
  });

  it.each([
    ['a missing file', null, 'no such file'],
    ['a file without the header', 'a\tb\tc\nx\ty\t1\n', 'the header must name the columns'],
    [
      'a label that is not 0 or 1',
      'text_a\ttext_b\tlabel\nx\ty\tyes\n',
      'line 2: label must be 0 or 1',
    ],
    ['a row with a missing column', 'text_a\ttext_b\tlabel\nx\t1\n', 'line 2: 2 columns'],
    ['no pairs', 'text_a\ttext_b\tlabel\n', 'no pairs'],
  ])('refuses %s on stderr with exit code 1', (_, content, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'eval-dedup-')), 'pairs.tsv');
    if (content !== null) writeFileSync(file, content);
    const run = runScript(file, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
