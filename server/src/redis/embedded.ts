import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

export interface EmbeddedRedis {
  url: string;
  port: number;
  /** Stops redis-server (it flushes its AOF on the way out) and waits for it. */
  stop(): Promise<void>;
}

export class RedisNotInstalledError extends Error {
  constructor() {
    super(
      'redis-server is not installed: run `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), or set REDIS_URL to a running Redis.',
    );
  }
}

/**
 * When redis-server fsyncs its AOF (it writes to it before answering either way).
 * `always`: before it answers a write, so an acknowledged write survives a crash of
 * the machine. `everysec`: about once a second, so power loss (or a kernel crash) can
 * take up to a second or two of acknowledged writes; so can a kill of redis-server
 * while a slow disk makes it hold back its AOF writes. docs/ARCHITECTURE.md, "Durability".
 */
export type FsyncPolicy = 'always' | 'everysec';
export const FSYNC_POLICIES: readonly FsyncPolicy[] = ['always', 'everysec'];

/** DAIS_REDIS_FSYNC as given (unset: `always`, the default the docs measure and explain). */
export function fsyncPolicy(value: string | undefined): FsyncPolicy {
  if (value === undefined || value === '') return 'always';
  if ((FSYNC_POLICIES as readonly string[]).includes(value)) return value as FsyncPolicy;
  throw new Error(`DAIS_REDIS_FSYNC must be always or everysec, not "${value}"`);
}

/**
 * Starts a private redis-server on a free loopback port, with its data (AOF on,
 * fsynced as `fsync` says) in `dataDir`, so events survive a restart of the app.
 * `extraArgs` go to redis-server as they are, after ours (the tests' cluster nodes
 * use them).
 */
export async function startEmbeddedRedis(
  dataDir: string,
  port?: number,
  extraArgs: string[] = [],
  fsync: FsyncPolicy = 'always',
): Promise<EmbeddedRedis> {
  mkdirSync(dataDir, { recursive: true });
  const bound = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(bound),
      '--bind',
      '127.0.0.1',
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      fsync,
      '--save',
      '',
      '--daemonize',
      'no',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await whenReady(child);
  return {
    url: `redis://127.0.0.1:${bound}`,
    port: bound,
    stop: () => stopChild(child),
  };
}

function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new RedisNotInstalledError() : error),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout?.removeAllListeners('data').resume();
        child.stderr?.resume();
        resolve();
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port the OS says is free now; redis-server binds it right after. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
