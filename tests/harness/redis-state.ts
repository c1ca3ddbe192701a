import type { Redis } from 'ioredis';

/**
 * Everything Dais keeps in Redis, as one comparable value: a refused request must
 * leave it exactly as it was. The server processes' heartbeats (`dais:{peers}:*`)
 * are left out: they move every few seconds whatever the clients do.
 */
export async function redisFingerprint(redis: Redis): Promise<Record<string, unknown>> {
  const keys = (await redis.keys('dais:*'))
    .filter((key) => !key.startsWith('dais:{peers}:'))
    .sort();
  const entries = await Promise.all(
    keys.map(async (key) => {
      const type = await redis.type(key);
      const value =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'zset'
            ? await redis.zrange(key, 0, -1, 'WITHSCORES')
            : type === 'stream'
              ? await redis.xrange(key, '-', '+')
              : type === 'set'
                ? (await redis.smembers(key)).sort()
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : await redis.get(key);
      return [key, { type, value }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
