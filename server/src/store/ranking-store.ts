import type { RedisClient } from '../redis/client';
import {
  ErrorCode,
  PUBLIC_STATUSES,
  type Question,
  type QuestionStatus,
  type Role,
} from '@dais/shared';
import { eventKeys, REQUEST_TTL_SECONDS } from './keys';
import {
  Retry,
  StoreError,
  retrying,
  run,
  type Actor,
  type Change,
  type EventStore,
} from './event-store';

/** The stage after next/skip: what went live and what left, each with its log id. */
export interface StageChange {
  /** The step's last log id ('' when nothing changed). */
  logId: string;
  live: Change | null;
  previous: Change | null;
  /** "Up next" after the step, and whether the step changed it. */
  queue: string[];
  queueChanged: boolean;
}

/** The vote count, score and rev of one cluster leader, for votes:changed. */
export interface VoteCount {
  id: string;
  votes: number;
  score: number;
  rev: number;
  status: QuestionStatus;
}

/** Votes, pin and star, "Up next" and the stage's next/skip: every write one Lua script. */
export function createRankingStore(redis: RedisClient, events: EventStore) {
  /**
   * Votes for the cluster of `questionId` (its leader) or withdraws the vote. The
   * leader is read first; the script re-checks it and we retry if a merge moved it.
   * With a request id, a retry of a vote already done changes nothing and answers as
   * the first attempt did.
   */
  async function vote(
    code: string,
    questionId: string,
    voter: string,
    up: boolean,
    requestId?: string,
  ) {
    const keys = eventKeys(code);
    return retrying(async () => {
      const leaderId = (await redis.hget(keys.clusterOf, questionId)) ?? questionId;
      const [votes, voted, logId, votedFor] = await run(() =>
        redis.voteQuestion(
          keys.log,
          keys.question(questionId),
          keys.question(leaderId),
          keys.voters(leaderId),
          keys.clusterOf,
          keys.rank,
          keys.request(voter, requestId ?? ''),
          questionId,
          leaderId,
          voter,
          up ? '1' : '0',
          PUBLIC_STATUSES.join(','),
          requestId ? REQUEST_TTL_SECONDS : 0,
        ),
      );
      return { leaderId: votedFor, votes, voted: voted === 1, changed: logId !== '' };
    });
  }

  /** Pins or stars a question; null when the flag already had that value. */
  async function setFlag(
    code: string,
    id: string,
    flag: 'pinned' | 'starred',
    on: boolean,
    opts: { actor: Actor; now: number },
  ): Promise<Change | null> {
    const keys = eventKeys(code);
    const logId = await run(() =>
      redis.setFlag(
        keys.log,
        keys.question(id),
        keys.rank,
        keys.actions(opts.actor.id),
        flag,
        on ? '1' : '0',
        opts.now,
        opts.actor.id,
        opts.actor.name,
      ),
    );
    if (!logId) return null;
    const question = await events.mustGetQuestion(code, id);
    return { logId, question, previous: question.status };
  }

  /** Puts an approved question into "Up next" before `beforeId` (null: at the end). */
  async function moveInQueue(code: string, id: string, beforeId: string | null, actor: Actor) {
    const keys = eventKeys(code);
    const [logId, queue] = await run(() =>
      redis.queueMove(
        keys.log,
        keys.queue,
        keys.question(id),
        id,
        beforeId ?? '',
        actor.id,
        actor.name,
      ),
    );
    return { logId, queue };
  }

  async function removeFromQueue(
    code: string,
    id: string,
    opts: { actor: Actor; expected?: QuestionStatus },
  ) {
    const keys = eventKeys(code);
    const [logId, queue] = await run(() =>
      redis.queueRemove(
        keys.log,
        keys.queue,
        keys.question(id),
        id,
        opts.actor.id,
        opts.expected ?? '',
        opts.actor.name,
      ),
    );
    return { logId, queue };
  }

  const readQueue = (code: string) => redis.lrange(eventKeys(code).queue, 0, -1);

  /**
   * "Next" (the live question is answered) or "Skip" (it goes back to approved), and
   * the next question goes live: the first approved one in "Up next", else the top
   * of the rank. A concurrent change of the stage is a CONFLICT rather than a second
   * advance, so two people pressing Next at once move the stage once.
   */
  async function advanceStage(
    code: string,
    mode: 'next' | 'skip',
    opts: { actor: Actor; now: number },
  ): Promise<StageChange> {
    const keys = eventKeys(code);
    return retrying(async () => {
      const [live, queue, top] = await Promise.all([
        redis.zrange(keys.status('live'), 0, -1),
        redis.lrange(keys.queue, 0, -1),
        redis.zrevrange(keys.rank, 0, 0),
      ]);
      const statuses = await Promise.all(
        queue.map((id) => redis.hget(keys.question(id), 'status')),
      );
      const first = statuses.findIndex((status) => status === 'approved');
      const nextId = first >= 0 ? queue[first]! : (top[0] ?? '');
      const stale = first >= 0 ? queue.slice(0, first) : queue;
      const liveId = live[0] ?? '';
      const scriptKeys = [
        keys.log,
        keys.queue,
        keys.rank,
        keys.status('approved'),
        keys.status('live'),
        keys.status('answered'),
        liveId ? keys.question(liveId) : keys.log,
        nextId ? keys.question(nextId) : keys.log,
        ...stale.map(keys.question),
      ];
      const [leftLog, shownLog] = await run(() =>
        redis.stageAdvance(
          scriptKeys.length,
          ...scriptKeys,
          mode,
          opts.now,
          opts.actor.id,
          liveId,
          nextId,
          queue.join(','),
          opts.actor.name,
          ...stale,
        ),
      ).catch((error: unknown) => {
        // Someone else moved the stage: that was the press; do not advance twice.
        if (error instanceof Retry && error.why === 'STAGE_MOVED') {
          throw new StoreError(ErrorCode.Conflict, 'The stage changed meanwhile; look again');
        }
        throw error;
      });
      const [nowLive, previous] = await Promise.all([
        nextId ? events.mustGetQuestion(code, nextId) : null,
        liveId ? events.mustGetQuestion(code, liveId) : null,
      ]);
      return {
        logId: shownLog || leftLog,
        live: nowLive && { logId: shownLog, question: nowLive, previous: 'approved' as const },
        previous: previous && { logId: leftLog, question: previous, previous: 'live' as const },
        queue: await readQueue(code),
        queueChanged: first >= 0 || stale.length > 0,
      };
    });
  }

  /** Current votes, score and rev of these questions, in one round trip (for votes:changed). */
  async function readVoteCounts(code: string, ids: string[]): Promise<VoteCount[]> {
    const keys = eventKeys(code);
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hmget(keys.question(id), 'votes', 'score', 'rev', 'status');
    const replies = (await pipeline.exec()) ?? [];
    return ids.flatMap((id, i) => {
      const [error, fields] = replies[i] ?? [];
      const [votes, score, rev, status] = (fields ?? []) as (string | null)[];
      if (error || !status) return [];
      return [
        {
          id,
          votes: Number(votes ?? 0),
          score: Number(score ?? 0),
          rev: Number(rev),
          status: status as QuestionStatus,
        },
      ];
    });
  }

  /**
   * What a join snapshot adds for ranking: the audience's own votes (among the
   * leaders with any), "Up next" for moderators and the stage.
   */
  async function joinState(
    code: string,
    role: Role,
    participantId: string | undefined,
    questions: Question[],
  ): Promise<{ myVotes?: string[]; queue?: string[] }> {
    if (role !== 'audience') return { queue: await readQueue(code) };
    if (!participantId) return {};
    const keys = eventKeys(code);
    const voted = questions.filter((q) => q.votes > 0 && q.clusterId === q.id);
    if (voted.length === 0) return { myVotes: [] };
    const pipeline = redis.pipeline();
    for (const q of voted) pipeline.sismember(keys.voters(q.id), participantId);
    const replies = (await pipeline.exec()) ?? [];
    return { myVotes: voted.filter((_, i) => replies[i]?.[1] === 1).map((q) => q.id) };
  }

  return {
    vote,
    setFlag,
    moveInQueue,
    removeFromQueue,
    readQueue,
    advanceStage,
    readVoteCounts,
    joinState,
  };
}
export type RankingStore = ReturnType<typeof createRankingStore>;
