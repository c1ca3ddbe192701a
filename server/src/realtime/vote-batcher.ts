import { isPublicStatus } from '@dais/shared';
import type { Logger } from '../logger';
import type { RankingStore, VoteCount } from '../store/ranking-store';
import { moderatorsRoom, publicRoom } from './rooms';
import type { DaisServer } from './types';

/** At most one votes:changed per event and process in this many milliseconds. */
export const VOTE_BATCH_MS = 250;

/**
 * Votes arrive by the thousand; their counts go out in batches. A vote marks its
 * cluster leader dirty; one flush per event and interval reads the counts of every
 * dirty leader in one round trip and sends one votes:changed. Counts are read, not
 * summed here, so each batch carries what Redis holds, whichever process took the votes.
 */
export function createVoteBatcher(
  io: DaisServer,
  ranking: RankingStore,
  logger: Logger,
  intervalMs = VOTE_BATCH_MS,
) {
  const dirty = new Map<string, Set<string>>();
  /** Per event: the pending timer, or the flush in flight (no second one meanwhile). */
  const busy = new Map<string, NodeJS.Timeout | Promise<void>>();
  let stopped = false;

  function mark(code: string, leaderId: string) {
    if (stopped) return;
    const ids = dirty.get(code) ?? new Set<string>();
    dirty.set(code, ids.add(leaderId));
    if (!busy.has(code)) schedule(code);
  }

  function schedule(code: string) {
    const timer = setTimeout(() => busy.set(code, flush(code)), intervalMs);
    timer.unref();
    busy.set(code, timer);
  }

  async function flush(code: string) {
    const ids = [...(dirty.get(code) ?? [])];
    dirty.delete(code);
    try {
      const counts = await ranking.readVoteCounts(code, ids);
      const update = ({ id, votes, score, rev }: VoteCount) => ({ id, votes, score, rev });
      // A question rejected meanwhile is no business of the public any more.
      const visible = counts.filter((c) => isPublicStatus(c.status));
      if (counts.length) {
        io.to(moderatorsRoom(code)).emit('votes:changed', { updates: counts.map(update) });
      }
      if (visible.length) {
        io.to(publicRoom(code)).emit('votes:changed', { updates: visible.map(update) });
      }
    } catch (error) {
      logger.error(`votes:changed for ${code} failed`, error);
    } finally {
      busy.delete(code);
      // Votes that came in while this batch was read go out one interval later.
      if (dirty.has(code) && !stopped) schedule(code);
    }
  }

  /** Stops every timer and waits for batches in flight (before the app closes Redis). */
  async function stop() {
    stopped = true;
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
