import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { Cluster } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { RedisClient } from './client';

/** Prefix of the pub/sub channels, so several apps can share one Redis. */
const CHANNEL_PREFIX = 'dais:io';

/**
 * The Socket.IO adapter that carries every broadcast (and server-side emit) to the
 * other server processes on the same Redis, and the connection it subscribes on.
 *
 * - One Redis: @socket.io/redis-adapter over plain pub/sub (any Redis version).
 * - A Redis Cluster: its sharded variant (SPUBLISH, Redis 7), so a message goes to the
 *   one shard that owns its channel instead of being copied to every node of the cluster.
 *   'static' keeps one channel per namespace: subscribing per room would put a Redis
 *   round trip into every join, and a broadcast sent before that subscription lands
 *   would miss the new socket (see docs/ARCHITECTURE.md, "Several processes").
 *
 * The subscriber is a duplicate of `redis`; the caller closes it after the adapter.
 */
export function broadcastAdapter(redis: RedisClient): {
  adapter: ServerOptions['adapter'];
  subscriber: RedisClient;
} {
  if (redis instanceof Cluster) {
    const subscriber = redis.duplicate([], { shardedSubscribers: true });
    const adapter = createShardedAdapter(unawaited(redis), unawaited(subscriber), {
      channelPrefix: CHANNEL_PREFIX,
      subscriptionMode: 'static',
    });
    return { adapter, subscriber };
  }
  const subscriber = redis.duplicate();
  const adapter = createAdapter(unawaited(redis), unawaited(subscriber), {
    key: CHANNEL_PREFIX,
    publishOnSpecificResponseChannel: true,
  });
  return { adapter, subscriber };
}

/** Commands the adapters send without waiting for the reply. */
const UNAWAITED = new Set([
  'publish',
  'spublish',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
]);

/**
 * The adapters publish and (un)subscribe without waiting for Redis' reply, so one
 * that fails (Redis away for longer than the connection retries, or a connection
 * closed on shutdown) would be an unhandled rejection, which ends a Node process.
 * This view of the client marks those replies handled; a caller that does wait still
 * sees the failure. A broadcast lost so reaches the other processes' sockets when
 * their clients join again; the connection's own error log already says Redis is away.
 */
function unawaited<T extends RedisClient>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !UNAWAITED.has(property)) return value;
      const command = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => {
        const reply = command.apply(target, args);
        reply.catch(() => {});
        return reply;
      };
    },
  });
}
