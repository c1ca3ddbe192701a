import type { Redis } from 'ioredis';
import { QUESTION_STATUSES, type QuestionStatus } from '@dais/shared';
import { storedQuestions } from './faults';
import { eventRedisKeys } from './questions';

/** One question as its Redis hash holds it, with its cluster leader from clusterOf. */
export interface StoredQuestion {
  id: string;
  text: string;
  publicText: string;
  authorId: string;
  status: QuestionStatus;
  reasons: string[];
  leader: string;
  askedBy: number;
  votes: number;
  pinned: boolean;
  rev: number;
}

/** One entry of the event's log stream. */
export interface LogEntry {
  id: string;
  fields: Record<string, string>;
}

/** Everything of one event Redis holds, read straight from Redis (not through the server). */
export async function readEventState(redis: Redis, code: string) {
  const keys = eventRedisKeys(code);
  const { hashes, statusOf } = await storedQuestions(redis, code);
  const clusterOf = await redis.hgetall(keys.clusterOf);
  const questions = new Map<string, StoredQuestion>();
  for (const h of hashes) {
    questions.set(h.id!, {
      id: h.id!,
      text: h.text ?? '',
      publicText: h.publicText ?? h.text ?? '',
      authorId: h.authorId ?? '',
      status: h.status as QuestionStatus,
      reasons: (h.reasons ?? '').split(',').filter(Boolean),
      leader: clusterOf[h.id!] ?? h.id!,
      askedBy: Number(h.askedBy ?? 1),
      votes: Number(h.votes ?? 0),
      pinned: h.pinned === '1',
      rev: Number(h.rev),
    });
  }
  const leaders = [...questions.values()].filter((q) => q.status !== 'merged');
  const askers = new Map<string, string[]>();
  const voters = new Map<string, string[]>();
  for (const { id } of leaders) {
    askers.set(id, await redis.smembers(keys.askers(id)));
    voters.set(id, await redis.smembers(keys.voters(id)));
  }
  const log: LogEntry[] = (await redis.xrange(keys.log, '-', '+')).map(([id, flat]) => ({
    id,
    fields: Object.fromEntries(
      flat.flatMap((value, i) => (i % 2 === 0 ? [[value, flat[i + 1]!]] : [])),
    ),
  }));
  return {
    questions,
    /** Question id → the status sets that hold it (one, when all is well). */
    statusOf,
    clusterOf,
    askers,
    voters,
    queue: await redis.lrange(keys.queue, 0, -1),
    rank: await redis.zrange(keys.rank, 0, -1),
    log,
  };
}
export type EventState = Awaited<ReturnType<typeof readEventState>>;

/**
 * What would make the stored state inconsistent, in words (empty when it is sound):
 * every question in exactly the status set of its status; clusters one level deep;
 * askedBy and votes the sizes of their sets; "Up next" and the rank set holding
 * approved leaders only, the rank set all of them; at most one question on stage.
 */
export function inconsistencies(state: EventState): string[] {
  const problems: string[] = [];
  for (const q of state.questions.values()) {
    const sets = state.statusOf.get(q.id) ?? [];
    if (sets.length !== 1 || sets[0] !== q.status) {
      problems.push(`${q.id} is ${q.status} but in the status sets ${sets.join(',') || 'none'}`);
    }
    const merged = q.status === 'merged';
    const leader = state.questions.get(q.leader);
    if (merged && (!leader || leader.status === 'merged' || q.leader === q.id)) {
      problems.push(`${q.id} is merged into ${q.leader}, which does not lead a cluster`);
    }
    if (!merged && q.leader !== q.id)
      problems.push(`${q.id} leads no cluster but is in ${q.leader}`);
    if (!merged) {
      const askers = state.askers.get(q.id)!.length;
      const voters = state.voters.get(q.id)!.length;
      if (q.askedBy !== askers) problems.push(`${q.id} askedBy ${q.askedBy}, askers ${askers}`);
      if (q.votes !== voters) problems.push(`${q.id} votes ${q.votes}, voters ${voters}`);
    }
  }
  for (const id of state.statusOf.keys()) {
    if (!state.questions.has(id)) problems.push(`${id} is in a status set but has no hash`);
  }
  if (new Set(state.queue).size !== state.queue.length) problems.push('Up next repeats a question');
  for (const id of state.queue) {
    if (state.questions.get(id)?.status !== 'approved')
      problems.push(`${id} in Up next, not approved`);
  }
  const approved = [...state.questions.values()].filter((q) => q.status === 'approved');
  const ranked = new Set(state.rank);
  if (ranked.size !== approved.length || approved.some((q) => !ranked.has(q.id))) {
    problems.push(
      `the rank set holds ${ranked.size} ids for ${approved.length} approved questions`,
    );
  }
  const live = countsByStatus(state).live;
  if (live > 1) problems.push(`${live} questions are live at once`);
  return problems;
}

/** How many questions are in each status, from the status sets. */
export function countsByStatus(state: EventState) {
  const counts = Object.fromEntries(QUESTION_STATUSES.map((s) => [s, 0])) as Record<
    QuestionStatus,
    number
  >;
  for (const sets of state.statusOf.values()) for (const s of sets) counts[s as QuestionStatus]++;
  return counts;
}
