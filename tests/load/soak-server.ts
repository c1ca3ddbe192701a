/**
 * The server of `pnpm soak`, alone in its process (forked by soak.ts with REDIS_URL):
 * the whole app as server/src/main.ts runs it, without flood guards (the churn comes
 * from one machine). On `sample` it answers with its own memory, handles and fds.
 */
import { readdirSync } from 'node:fs';
import { connectRedis, createApp, silentLogger } from '@dais/server';

export interface ServerSample {
  rssMb: number;
  heapUsedMb: number;
  /** libuv handles alive (sockets, timers, servers): what leaks when sockets are not let go. */
  handles: number;
  fds: number;
  sockets: number;
}

const redis = connectRedis({ url: process.env.REDIS_URL! });
const app = await createApp({ redis, logger: silentLogger, config: { limits: false } });
const url = await app.listen(0, '127.0.0.1');
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

process.on('message', async (message: { type: string }) => {
  if (message.type === 'sample') {
    // Live memory, not what the collector has yet to reclaim (forked with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    const sample: ServerSample = {
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      handles: (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles()
        .length,
      fds: readdirSync('/proc/self/fd').length,
      sockets: app.io.engine.clientsCount,
    };
    process.send!({ type: 'sample', sample });
  } else if (message.type === 'stop') {
    await app.close();
    redis.disconnect();
    process.exit(0);
  }
});
process.send!({ type: 'listening', url });
