import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import {
  createApp,
  silentLogger,
  startEmbeddedRedis,
  type App,
  type AppDeps,
  type EmbeddedRedis,
} from '@dais/server';

/** A real redis-server on a free port with its own data dir; `dir` may be reused to restart it. */
export async function startRedis(dir = mkdtempSync(join(tmpdir(), 'dais-redis-')), port?: number) {
  const server: EmbeddedRedis = await startEmbeddedRedis(dir, port);
  return { ...server, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
export type TestRedis = Awaited<ReturnType<typeof startRedis>>;

/** How a test server differs: the built client to serve, an injected clock, app config. */
export type ServerOptions = Pick<AppDeps, 'clock' | 'config'>;

/** A real Dais server on port 0 over its own Redis connection. */
export async function startServer(redisUrl: string, options: ServerOptions = {}) {
  // Fail fast in tests rather than queueing commands while Redis is away.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const app: App = await createApp({
    redis,
    logger: process.env.DAIS_TEST_LOG ? undefined : silentLogger,
    ...options,
  });
  const url = await app.listen(0, '127.0.0.1');
  return {
    url,
    app,
    redis,
    close: async () => {
      await app.close();
      redis.disconnect();
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startServer>>;

/**
 * Registers a Redis and a server for the current test file and tears both down
 * after it. Read the fields inside tests (they are set in beforeAll).
 */
export function useDais(options: ServerOptions = {}) {
  const ctx = {} as { redis: TestRedis; server: TestServer; url: string };
  beforeAll(async () => {
    ctx.redis = await startRedis();
    ctx.server = await startServer(ctx.redis.url, options);
    ctx.url = ctx.server.url;
  });
  afterAll(async () => {
    await ctx.server?.close();
    await ctx.redis?.stop();
    ctx.redis?.remove();
  });
  return ctx;
}
