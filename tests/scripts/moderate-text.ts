/**
 * `pnpm --silent moderate:text [--blocked-terms FILE]`
 *
 * Reads questions on stdin, one per line, and writes one JSON line per question:
 * `{"verdict":"pass|hold|reject","reasons":[...],"redacted":"..."}`, in input order
 * (a blank line gets `empty`). FILE holds one blocked term per line. Streams, so
 * input of any size works, and junk lines get a verdict like any other.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createFilter } from '@dais/shared';

const USAGE = 'usage: pnpm --silent moderate:text [--blocked-terms FILE] < questions.txt';

function readBlockedTerms(): string[] {
  let file: string | undefined;
  try {
    file = parseArgs({ options: { 'blocked-terms': { type: 'string' } } }).values['blocked-terms'];
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (file === undefined) return [];
  // pnpm runs scripts from the workspace root; INIT_CWD is where the command was typed.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/);
  } catch (error) {
    console.error(`cannot read blocked terms: ${(error as Error).message}`);
    process.exit(1);
  }
}

const filter = createFilter({ blockedTerms: readBlockedTerms() });

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const { verdict, reasons, redacted } = filter(line);
  if (!process.stdout.write(`${JSON.stringify({ verdict, reasons, redacted })}\n`)) {
    await once(process.stdout, 'drain');
  }
}
