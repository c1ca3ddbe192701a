import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { Cluster, type Redis } from 'ioredis';
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
    const adapter = createShardedAdapter(redis, subscriber, {
      channelPrefix: CHANNEL_PREFIX,
      subscriptionMode: 'static',
    });
    return { adapter, subscriber };
  }
  const subscriber = redis.duplicate();
  const adapter = createAdapter(publishingQuietly(redis), subscriber, {
    key: CHANNEL_PREFIX,
    publishOnSpecificResponseChannel: true,
  });
  return { adapter, subscriber };
}

/**
 * The plain adapter publishes without waiting for Redis' reply, so a publish that
 * fails (Redis away for longer than the connection retries) would be an unhandled
 * rejection, which ends a Node process. Such a broadcast is lost for the other
 * processes' sockets (clients resync when they reconnect); the connection's own error
 * log already says Redis is away. (The sharded adapter catches its failures itself.)
 */
function publishingQuietly(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      if (property !== 'publish') return Reflect.get(target, property, receiver) as unknown;
      return (channel: string, message: string | Buffer) =>
        target.publish(channel, message).catch(() => 0);
    },
  });
}
