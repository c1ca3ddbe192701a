import type { Change, EventStore } from '../store/event-store';
import type { RankingStore } from '../store/ranking-store';
import { joined, type Router } from './handle';
import type { Question } from '@dais/shared';
import { moderatorsRoom, publishChange, publishQueue, viewFor } from './rooms';
import type { DaisServer, DaisSocket } from './types';
import type { VoteBatcher } from './vote-batcher';
import type { RateLimits } from '../security/limits';
import type { VoteWatch } from '../security/vote-watch';

/** What these handlers need of the gateway's dependencies. */
export interface RankingDeps {
  store: EventStore;
  ranking: RankingStore;
  votes: VoteBatcher;
  now: () => number;
  limits: RateLimits;
  voteWatch: VoteWatch;
}

const FLAGS = [
  ['question:pin', 'pinned'],
  ['question:star', 'starred'],
] as const;

const STAGE_MOVES = [
  ['stage:next', 'next', 'answered'],
  ['stage:skip', 'skip', 'returned'],
] as const;

/**
 * A question that left approved (rejected, shown, merged) left "Up next" in the same
 * script: moderators and the stage hear the list again (unchanged when it was not queued).
 */
export async function publishQueueIfLeft(
  io: DaisServer,
  ranking: RankingStore,
  code: string,
  change: Change,
) {
  if (change.previous !== 'approved' || change.question.status === 'approved') return;
  publishQueue(io, code, change.logId, await ranking.readQueue(code));
}

/**
 * An up-vote from a participant minted on this very socket a short while ago: many of
 * them from one address for one question is what a vote-stuffing script looks like, so
 * moderators see the question's count of such votes (docs/SECURITY.md, "Vote integrity").
 */
async function watchVote(
  io: DaisServer,
  socket: DaisSocket,
  { voteWatch, now }: RankingDeps,
  code: string,
  leaderId: string,
) {
  if ((socket.data.freshUntil ?? 0) <= now()) return;
  const votes = await voteWatch.record(code, leaderId, socket.handshake.address);
  if (votes !== null)
    io.to(moderatorsRoom(code)).emit('votes:suspicious', { questionId: leaderId, votes });
}

/** Votes, pin and star, "Up next" and the stage's next/skip. */
export function registerRanking(io: DaisServer, router: Router, deps: RankingDeps) {
  const { store, ranking, votes, now } = deps;

  // The voter hears the fresh count in the ack; everyone else in the next batch.
  router.on('question:vote', async (socket, { questionId, up, requestId }) => {
    const { code, actor } = joined(socket);
    // Only the audience votes (dispatch checks the role): the actor is the participant.
    await deps.limits.check(
      'vote',
      code,
      actor.id,
      socket.handshake.address,
      () => !!requestId && store.isDone(code, actor.id, requestId),
    );
    const result = await ranking.vote(code, questionId, actor.id, up, requestId);
    // Marked even when this call changed nothing: a retry whose first attempt was
    // stored but not answered (a command timeout) is the only one left to mark it.
    votes.mark(code, result.leaderId);
    if (result.changed && result.voted) await watchVote(io, socket, deps, code, result.leaderId);
    return { questionId: result.leaderId, votes: result.votes, voted: result.voted };
  });

  for (const [event, flag] of FLAGS) {
    router.on(event, async (socket, { questionId, on }) => {
      const { code, actor } = joined(socket);
      const change = await ranking.setFlag(code, questionId, flag, on, {
        actor,
        now: now(),
      });
      if (!change) return { question: await store.mustGetQuestion(code, questionId) };
      publishChange(io, code, flag, change);
      return { question: change.question };
    });
  }

  router.on('queue:move', async (socket, { questionId, beforeId }) => {
    const { code, actor } = joined(socket);
    const { logId, queue } = await ranking.moveInQueue(code, questionId, beforeId, actor);
    if (logId) publishQueue(io, code, logId, queue);
    return { queue };
  });

  router.on('queue:remove', async (socket, { questionId, expected }) => {
    const { code, actor } = joined(socket);
    const { logId, queue } = await ranking.removeFromQueue(code, questionId, {
      actor,
      expected,
    });
    if (logId) publishQueue(io, code, logId, queue);
    return { queue };
  });

  for (const [event, mode, change] of STAGE_MOVES) {
    router.on(event, async (socket) => {
      const { code, role, actor } = joined(socket);
      const stage = await ranking.advanceStage(code, mode, { actor, now: now() });
      if (stage.previous) publishChange(io, code, change, stage.previous);
      if (stage.live) publishChange(io, code, 'shown', stage.live);
      if (stage.queueChanged) publishQueue(io, code, stage.logId, stage.queue);
      const view = (change: { question: Question } | null) =>
        change ? viewFor(role, change.question) : null;
      return { live: view(stage.live), previous: view(stage.previous) };
    });
  }
}
