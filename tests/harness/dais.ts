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
  type RedisClient,
} from '@dais/server';

/** A real redis-server on a free port with its own data dir; `dir` may be reused to restart it. */
export async function startRedis(dir = mkdtempSync(join(tmpdir(), 'dais-redis-')), port?: number) {
  const server: EmbeddedRedis = await startEmbeddedRedis(dir, port);
  return { ...server, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
export type TestRedis = Awaited<ReturnType<typeof startRedis>>;

/** How a test server differs: an injected clock, app config, a logger to read what it logs. */
export type ServerOptions = Pick<AppDeps, 'clock' | 'config' | 'logger'>;

/** A real Dais server on port 0 over its own Redis connection. */
export async function startServer(redisUrl: string, options: ServerOptions = {}) {
  // Fail fast in tests rather than queueing commands while Redis is away.
  return startServerOn(new Redis(redisUrl, { maxRetriesPerRequest: 1 }), options);
}

/** A real Dais server on port 0 over `redis` (one Redis or a Cluster), closed with it. */
export async function startServerOn<R extends RedisClient>(redis: R, options: ServerOptions = {}) {
  const app: App = await createApp({
    redis,
    logger: process.env.DAIS_TEST_LOG ? undefined : silentLogger,
    ...options,
    // Flood guards only where a test asks for them (hardening-*.test.ts): the other
    // tests send many requests from one participant and one address on purpose.
    config: { limits: false, ...options.config },
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
