import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const main = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

/**
 * The real entry point (`server/src/main.ts`, as `pnpm start` runs it) in a process of
 * its own on a free port, over the given Redis. A crash is an exit, not an error the
 * test runner swallows; everything it prints is kept.
 */
export async function startServerProcess(redisUrl: string) {
  const child = spawn(process.execPath, [tsx, main], {
    // No flood guards: the fuzzing sends thousands of requests from a few participants
    // on one address (the guards' own tests are hardening-*.test.ts).
    env: { PATH: process.env.PATH ?? '', PORT: '0', REDIS_URL: redisUrl, DAIS_LIMITS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let exit: { code: number | null; signal: string | null } | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Dais is running at http:\/\/localhost:(\d+)/.exec(stdout);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`the server exited before listening:\n${stderr}`)));
  });
  return {
    url,
    /** null while it runs; how it ended otherwise. */
    exit: () => exit,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      if (!exit) child.kill('SIGTERM');
      await exited;
    },
  };
}
export type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;
