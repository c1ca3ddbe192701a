import { isPublicStatus } from '@dais/shared';
import type { Logger } from '../logger';
import type { RankingStore, VoteCount } from '../store/ranking-store';
import { moderatorsRoom, publicRoom } from './rooms';
import type { DaisServer } from './types';

/** At most one votes:changed per event and socket in this many milliseconds. */
export const VOTE_BATCH_MS = 250;

/**
 * Votes arrive by the thousand; their counts go out in batches. A vote marks its
 * cluster leader dirty; one flush per event and interval reads the counts of every
 * dirty leader in one round trip and sends one votes:changed to this process's own
 * sockets. Counts are read, not summed here, so each batch carries what Redis holds.
 *
 * With several server processes, each flush first tells the others which leaders
 * were voted on here (one server-side message per event and interval); they mark
 * them dirty and read and send them in their own next flush. So a socket hears counts
 * from its own process only, whose reads follow one another: a count it holds never
 * goes back to an older one, and the last batch it gets carries what Redis holds.
 * (Had each process sent its batches to every socket, two batches read a moment
 * apart could cross on the way and leave the older count on screen.)
 */
export function createVoteBatcher(
  io: DaisServer,
  ranking: RankingStore,
  logger: Logger,
  intervalMs = VOTE_BATCH_MS,
) {
  /** Per event: leaders whose counts this process's sockets have not been sent yet. */
  const dirty = new Map<string, Set<string>>();
  /** Per event: leaders voted on here that the other processes have not heard of yet. */
  const unshared = new Map<string, Set<string>>();
  /** Per event: the pending timer, or the flush in flight (no second one meanwhile). */
  const busy = new Map<string, NodeJS.Timeout | Promise<void>>();
  let stopped = false;

  function add(into: Map<string, Set<string>>, code: string, leaderIds: Iterable<string>) {
    const ids = into.get(code) ?? new Set<string>();
    for (const id of leaderIds) ids.add(id);
    into.set(code, ids);
  }

  function markDirty(code: string, leaderIds: Iterable<string>) {
    if (stopped) return;
    add(dirty, code, leaderIds);
    if (!busy.has(code)) schedule(code);
  }

  /** A vote taken by this process changed the count of `leaderId`. */
  function mark(code: string, leaderId: string) {
    if (stopped) return;
    add(unshared, code, [leaderId]);
    markDirty(code, [leaderId]);
  }

  io.on('votes:dirty', (code, leaderIds) => markDirty(code, leaderIds));

  function schedule(code: string) {
    const timer = setTimeout(() => busy.set(code, flush(code)), intervalMs);
    timer.unref();
    busy.set(code, timer);
  }

  function share(code: string) {
    const ids = unshared.get(code);
    if (!ids) return;
    unshared.delete(code);
    io.serverSideEmit('votes:dirty', code, [...ids]);
  }

  /** Whether any socket of this process is in the event's rooms that hear counts. */
  function hasListeners(code: string) {
    const rooms = io.of('/').adapter.rooms;
    return rooms.has(moderatorsRoom(code)) || rooms.has(publicRoom(code));
  }

  async function flush(code: string) {
    share(code);
    const ids = [...(dirty.get(code) ?? [])];
    dirty.delete(code);
    try {
      if (!hasListeners(code)) return;
      const counts = await ranking.readVoteCounts(code, ids);
      const update = ({ id, votes, score, rev }: VoteCount) => ({ id, votes, score, rev });
      // A question rejected meanwhile is no business of the public any more.
      const visible = counts.filter((c) => isPublicStatus(c.status));
      if (counts.length) {
        io.local.to(moderatorsRoom(code)).emit('votes:changed', { updates: counts.map(update) });
      }
      if (visible.length) {
        io.local.to(publicRoom(code)).emit('votes:changed', { updates: visible.map(update) });
      }
    } catch (error) {
      logger.error(`votes:changed for ${code} failed`, error);
    } finally {
      busy.delete(code);
      // Votes that came in while this batch was read go out one interval later.
      if (dirty.has(code) && !stopped) schedule(code);
    }
  }

  /**
   * Stops every timer and waits for batches in flight (before the app closes Redis).
   * What was voted on here still reaches the other processes' sockets.
   */
  async function stop() {
    stopped = true;
    for (const code of [...unshared.keys()]) share(code);
    const inFlight: Promise<void>[] = [];
    for (const pending of busy.values()) {
      if (pending instanceof Promise) inFlight.push(pending);
      else clearTimeout(pending);
    }
    busy.clear();
    dirty.clear();
    await Promise.all(inFlight);
  }

  return { mark, stop };
}
export type VoteBatcher = ReturnType<typeof createVoteBatcher>;
