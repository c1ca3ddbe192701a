import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

/**
 * What the store and the app speak to: one Redis server, or a Redis Cluster. Every
 * key of an event carries the hash tag `{ev:CODE}` (store/keys.ts), so each script,
 * transaction and pipeline of the store touches one slot and runs on either.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server by URL, or the startup nodes of a Redis Cluster. */
export type RedisTarget = { url: string } | { cluster: ClusterNode[] };

/**
 * Parses REDIS_CLUSTER: startup nodes as `host:port` separated by commas (any
 * masters of the cluster; the client discovers the rest), e.g. `10.0.0.1:7000,10.0.0.2:7000`.
 */
export function clusterNodes(list: string): { host: string; port: number }[] {
  const nodes = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(.+):(\d+)$/.exec(entry);
      if (!match) throw new Error(`REDIS_CLUSTER: "${entry}" is not host:port`);
      return { host: match[1]!, port: Number(match[2]) };
    });
  if (nodes.length === 0) throw new Error('REDIS_CLUSTER names no node');
  return nodes;
}

/**
 * How the app's connections behave while Redis is away or stalled, so every request
 * is answered (UNAVAILABLE) instead of waiting, and nothing piles up in memory:
 * - `commandTimeout`: a command Redis has not answered within 2 s fails. A stopped or
 *   stalled Redis keeps its connection open, and nothing else would end the wait. Redis
 *   may still run the command later, which is why writes carry request ids.
 * - `maxRetriesPerRequest: 1`: commands queued while the connection is down fail after
 *   one reconnect attempt (ioredis retries every 50 ms to 2 s), so the offline queue
 *   holds at most a few seconds of requests. A Cluster's own queue is emptied on each
 *   failed reconnect too.
 */
export const OUTAGE_OPTIONS = {
  commandTimeout: 2_000,
  maxRetriesPerRequest: 1,
} as const satisfies RedisOptions;

/**
 * Opens the connection the app runs on, with OUTAGE_OPTIONS unless `options` say
 * otherwise; `options` apply to every node of a cluster.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const chosen = { ...OUTAGE_OPTIONS, ...options };
  if ('url' in target) return new Redis(target.url, chosen);
  return new Cluster(target.cluster, { redisOptions: chosen });
}
