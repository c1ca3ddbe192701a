import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const main = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

/** Runs the real entry point as `pnpm start` does, with the given environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, [tsx, main], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
    });
  return { child, exited, printed, output: () => output };
}

describe('the server entry point', () => {
  it('starts an embedded Redis, serves, and stops both on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dais-main-'));
    try {
      const run = startMain({ DAIS_DATA_DIR: dataDir });
      const [, url] = await run.printed(/Dais is running at (\S+)/);
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, redis: 'up' });
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says in one line how to get Redis when redis-server is missing', async () => {
    // A PATH that holds node and nothing else.
    const bin = mkdtempSync(join(tmpdir(), 'dais-bin-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    try {
      const run = startMain({ PATH: bin, DAIS_DATA_DIR: join(bin, 'data') });
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /redis-server is not installed.*apt-get install redis-server.*REDIS_URL/,
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
