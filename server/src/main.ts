import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { runPrimary } from './cluster-primary';
import { clusterNodes, connectRedis, type RedisTarget } from './redis/client';
import {
  fsyncPolicy,
  RedisNotInstalledError,
  startEmbeddedRedis,
  type EmbeddedRedis,
} from './redis/embedded';
import { parseOrigins } from './security/handshake';

/**
 * The only place that reads the environment and the command line, and listens.
 * `--workers N` (or DAIS_WORKERS=N) runs N server processes behind one port with
 * node:cluster; the primary then starts the embedded Redis once and serves nothing itself.
 */
const port = Number(process.env.PORT ?? 3000);
const dataDir =
  process.env.DAIS_DATA_DIR ?? fileURLToPath(new URL('../../.data/redis', import.meta.url));
const fsync = fsyncPolicy(process.env.DAIS_REDIS_FSYNC);
const workers = workerCount(process.argv.slice(2), process.env.DAIS_WORKERS);
const configured = redisTarget(process.env.REDIS_URL, process.env.REDIS_CLUSTER);

if (cluster.isWorker) {
  // The primary passed the embedded Redis' URL, or REDIS_URL/REDIS_CLUSTER as given.
  await serve(configured!, () => {});
} else {
  const embedded = configured ? undefined : await startEmbedded();
  const target = configured ?? { url: embedded!.url };
  const redisLine = embedded
    ? `embedded, data in ${dataDir}`
    : 'url' in target
      ? 'REDIS_URL'
      : `REDIS_CLUSTER (${target.cluster.length} startup nodes)`;
  const banner = (url: string, processes: string) => {
    console.log(`Dais is running at ${url}${processes}`);
    console.log(`  create an event: ${url}/`);
    console.log(`  Redis: ${redisLine}`);
    if (embedded) console.log(`  AOF fsync: ${fsync} (DAIS_REDIS_FSYNC)`);
  };
  if (workers > 1) {
    runPrimary({
      workers,
      env: embedded ? { REDIS_URL: embedded.url } : {},
      onListening: (bound) => banner(`http://localhost:${bound}`, ` (${workers} processes)`),
      onStopped: async () => embedded?.stop(),
    });
  } else {
    await serve(target, (url) => banner(url, ''), embedded).catch(async (error: unknown) => {
      await embedded?.stop();
      throw error;
    });
  }
}

/** Runs the app in this process until SIGINT/SIGTERM, then closes it, Redis, and `embedded`. */
async function serve(
  target: RedisTarget,
  onListening: (url: string) => void,
  embedded?: EmbeddedRedis,
) {
  const redis = connectRedis(target);
  const { PUBLIC_URL, DAIS_ALLOWED_ORIGINS, DAIS_TRUST_PROXY, DAIS_LIMITS } = process.env;
  const app = await createApp({
    redis,
    config: {
      publicUrl: PUBLIC_URL,
      allowedOrigins: parseOrigins(DAIS_ALLOWED_ORIGINS, PUBLIC_URL),
      trustProxy: DAIS_TRUST_PROXY === '1',
      limits:
        DAIS_LIMITS === 'off' ? false : connectionCap(process.env.DAIS_MAX_CONNECTIONS_PER_IP),
    },
  });
  onListening(await app.listen(port));

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    await app.close();
    await redis.quit().catch(() => {});
    await embedded?.stop();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function startEmbedded(): Promise<EmbeddedRedis> {
  try {
    return await startEmbeddedRedis(dataDir, undefined, [], fsync);
  } catch (error) {
    if (error instanceof RedisNotInstalledError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** REDIS_URL (one server) or REDIS_CLUSTER (host:port,… of a Redis Cluster); neither: embedded. */
function redisTarget(url?: string, nodes?: string): RedisTarget | undefined {
  if (url && nodes) throw new Error('Set REDIS_URL or REDIS_CLUSTER, not both');
  if (nodes) return { cluster: clusterNodes(nodes) };
  return url ? { url } : undefined;
}

/** DAIS_MAX_CONNECTIONS_PER_IP: open connections per client address and process (0: no cap). */
function connectionCap(value?: string) {
  if (value === undefined) return {};
  const cap = Number(value);
  if (!Number.isInteger(cap) || cap < 0) {
    throw new Error(`DAIS_MAX_CONNECTIONS_PER_IP must be a whole number, not "${value}"`);
  }
  return { connectionsPerIp: cap };
}

/** `--workers N` or `--workers=N` on the command line, else DAIS_WORKERS, else 1. */
function workerCount(args: string[], fromEnv?: string): number {
  const at = args.findIndex((arg) => arg === '--workers' || arg.startsWith('--workers='));
  const flag =
    at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  const value = flag ?? fromEnv ?? '1';
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`--workers / DAIS_WORKERS must be a whole number of processes, not "${value}"`);
  }
  return count;
}
