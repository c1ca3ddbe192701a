import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import type { RedisClient } from '../redis/client';
import type { EventStore } from '../store/event-store';
import { PEER_KEYS } from '../store/keys';
import { isRedisDown } from './handle';
import { logVersion } from './newest';
import { moderatorsRoom, publicRoom, stageRoom } from './rooms';
import type { DaisServer } from './types';

export interface PeerTiming {
  /** How often this process beats. */
  beatMs: number;
  /** How long after its last beat a silent process counts as dead. */
  staleMs: number;
  /**
   * Over how long the audience's joins after a death are spread (moderators and the
   * stage join at once): the dead process's own clients are joining again too.
   */
  audienceSpreadMs: number;
}
export const DEFAULT_PEER_TIMING: PeerTiming = {
  beatMs: 3_000,
  staleMs: 10_000,
  audienceSpreadMs: 20_000,
};

/**
 * A change is published a moment after Redis stored it (an await or two later). Log
 * entries from this long before a dead process's last beat count as possibly unpublished.
 */
const PUBLISH_LAG_MS = 2_000;

/**
 * Broadcasts a process stored but never published. A process acks a change only after
 * Redis has it and publishes it right after; one killed in between leaves the change
 * stored and unheard by the other processes' sockets. So every process beats in Redis
 * (lua/beat-peers-2.lua); when one stops beating, the process that notices tells the
 * others, and each asks its own sockets, in every event changed since the dead one's
 * last beat, to join again: the join's snapshot holds what was missed.
 */
export function watchPeers(
  io: DaisServer,
  deps: { redis: RedisClient; store: EventStore; logger: Logger },
  { beatMs, staleMs, audienceSpreadMs }: PeerTiming,
) {
  const { redis, store, logger } = deps;
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /** Redis' time at this process's first beat: its sockets all joined after that. */
  let startedAt: number | undefined;

  io.on('peer:lost', (since) => void safely(() => resync(since)));

  async function beat() {
    const [now, lastBeat, deadline] = await redis.beatPeers(
      PEER_KEYS.deadlines,
      PEER_KEYS.beats,
      id,
      staleMs,
    );
    startedAt ??= now;
    // A process dead before this one started missed nothing this one's sockets hold.
    if (lastBeat === -1 || deadline < startedAt) return;
    logger.error(`A server process stopped beating; its events' clients resync`);
    io.serverSideEmit('peer:lost', lastBeat);
    await resync(lastBeat);
  }

  /** Asks this process's sockets, in events changed since `since` (ms), to join again. */
  async function resync(since: number) {
    const codes = new Set<string>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.code) codes.add(socket.data.code);
    }
    for (const code of codes) {
      const [changedAt] = logVersion(await store.lastLogId(code));
      if (changedAt < since - PUBLISH_LAG_MS) continue;
      io.local.to([moderatorsRoom(code), stageRoom(code)]).emit('event:resync', { withinMs: 0 });
      io.local
        .to(publicRoom(code))
        .except(stageRoom(code))
        .emit('event:resync', { withinMs: audienceSpreadMs });
    }
  }

  function safely(step: () => Promise<void>) {
    return step().catch((error: unknown) => {
      // Redis away is logged once by the app; the next beat tries again.
      if (!isRedisDown(error)) logger.error('peer watch failed', error);
    });
  }
  let beating = safely(beat);
  const timer = setInterval(() => (beating = safely(beat)), beatMs);

  return {
    /** Stops beating and leaves cleanly: the others owe this one's sockets nothing. */
    async stop() {
      clearInterval(timer);
      await beating; // a beat landing after the leave would enter this process again
      await redis.beatPeers(PEER_KEYS.deadlines, PEER_KEYS.beats, id, '').catch(() => {});
    },
  };
}
