import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createApp } from './app';
import { RedisNotInstalledError, startEmbeddedRedis, type EmbeddedRedis } from './redis/embedded';

/** The only place that reads the environment and listens. */
const port = Number(process.env.PORT ?? 3000);
const dataDir =
  process.env.DAIS_DATA_DIR ?? fileURLToPath(new URL('../../.data/redis', import.meta.url));

let embedded: EmbeddedRedis | undefined;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  try {
    embedded = await startEmbeddedRedis(dataDir);
  } catch (error) {
    if (error instanceof RedisNotInstalledError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  redisUrl = embedded.url;
}

const redis = new Redis(redisUrl);
const app = await createApp({ redis, config: { publicUrl: process.env.PUBLIC_URL } });
const url = await app.listen(port);
console.log(`Dais is running at ${url}`);
console.log(`  create an event: ${url}/`);
console.log(`  Redis: ${embedded ? `embedded, data in ${dataDir}` : 'REDIS_URL'}`);

async function shutdown() {
  await app.close();
  await redis.quit().catch(() => {});
  await embedded?.stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
