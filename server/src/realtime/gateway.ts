import {
  ErrorCode,
  HandshakeSchema,
  PROTOCOL_VERSION,
  PUBLIC_STATUSES,
  QUESTION_STATUSES,
  needsEditToApprove,
  toOwn,
  toPublic,
  type Snapshot,
} from '@dais/shared';
import { indexEntry, type Intake } from '../moderation/intake';
import { keyMatches, newId, signParticipant, verifyParticipant } from '../security/secrets';
import type { RateLimits } from '../security/limits';
import type { VoteWatch } from '../security/vote-watch';
import { StoreError, toInfo, type EventStore } from '../store/event-store';
import type { ExportStore } from '../store/export-store';
import type { Retention } from '../store/retention';
import type { Logger } from '../logger';
import type { RankingStore } from '../store/ranking-store';
import { createRouter, joined, type Router } from './handle';
import {
  moderatorsRoom,
  participantRoom,
  publicRoom,
  publishChange,
  publishEvent,
  relayQueueAndEvent,
  stageRoom,
  viewFor,
} from './rooms';
import { publishQueueIfLeft, registerRanking } from './ranking';
import { registerSummary } from './summary';
import type { DaisServer } from './types';
import type { VoteBatcher } from './vote-batcher';
import {
  actorOf,
  joinPresence,
  leavePresenceOnDisconnect,
  registerWorkspace,
  relayPresence,
} from './workspace';
import type { WorkspaceStore } from '../store/workspace-store';

export interface GatewayDeps {
  store: EventStore;
  /** Whole-event reads in batches (summary, purge). */
  exports: ExportStore;
  retention: Retention;
  intake: Intake;
  ranking: RankingStore;
  votes: VoteBatcher;
  /** Edits, undo, the audit log and presence. */
  workspace: WorkspaceStore;
  logger: Logger;
  now: () => number;
  /** Signs participant tokens; shared by all processes through Redis. */
  secret: string;
  /** Flood guards per participant and per client address (shared through Redis). */
  limits: RateLimits;
  /** The record of suspicious voting moderators see. */
  voteWatch: VoteWatch;
}

/** Wires every socket: protocol check at connect, role check per event, then handlers. */
export function attachGateway(io: DaisServer, deps: GatewayDeps): void {
  io.use((socket, next) => {
    const auth = HandshakeSchema.safeParse(socket.handshake.auth);
    if (auth.success && auth.data.protocol === PROTOCOL_VERSION) return next();
    const error = new Error(ErrorCode.ProtocolMismatch) as Error & { data?: unknown };
    error.data = { expected: PROTOCOL_VERSION };
    next(error);
  });

  // Whole values (presence, "Up next", settings) the other server processes announce.
  relayPresence(io);
  relayQueueAndEvent(io);

  const router = createRouter(deps.logger);
  registerJoin(io, router, deps);
  registerAudience(io, router, deps);
  registerModeration(io, router, deps);
  registerRanking(io, router, deps);
  registerSummary(io, router, deps);
  registerWorkspace(io, router, deps);

  io.on('connection', (socket) => {
    socket.use(router.dispatch(socket));
    leavePresenceOnDisconnect(io, socket, deps);
  });
}

function registerJoin(io: DaisServer, router: Router, deps: GatewayDeps) {
  const { store, ranking, secret, limits } = deps;
  router.on('event:join', async (socket, join): Promise<Snapshot> => {
    await limits.join(socket.handshake.address);
    const event = await store.getEvent(join.code);
    if (!event) throw new StoreError(ErrorCode.EventNotFound, `No event with code ${join.code}`);

    let participant: Snapshot['participant'];
    let minted = false;
    if (join.role === 'audience') {
      minted = !join.token;
      if (minted) await limits.newParticipant(event.code, socket.handshake.address);
      const id = join.token ? verifyParticipant(secret, event.code, join.token) : newId();
      if (!id) throw new StoreError(ErrorCode.BadToken, 'Unknown participant token');
      participant = { id, token: signParticipant(secret, event.code, id) };
    } else {
      const hash = join.role === 'moderator' ? event.moderatorKeyHash : event.stageKeyHash;
      if (!keyMatches(join.key, hash)) {
        throw new StoreError(ErrorCode.BadKey, `Wrong ${join.role} key`);
      }
    }

    // Rooms first, state second: whatever changes after the read arrives as a broadcast.
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    socket.data = {
      code: event.code,
      role: join.role,
      participantId: participant?.id,
      actor: actorOf(join, socket.id, participant?.id),
      freshUntil: minted ? deps.now() + limits.freshWindowMs : undefined,
    };
    // A moderator page that only reads (the summary) is not shown as at work.
    const shown = join.role === 'moderator' && join.present !== false;
    const presence = await joinPresence(io, deps, socket, shown);
    if (join.role === 'moderator') void socket.join(moderatorsRoom(event.code));
    else void socket.join(publicRoom(event.code));
    if (join.role === 'stage') void socket.join(stageRoom(event.code));
    if (participant) void socket.join(participantRoom(event.code, participant.id));

    const moderator = join.role === 'moderator';
    const state = await store.readState(
      event.code,
      moderator ? QUESTION_STATUSES : PUBLIC_STATUSES,
      participant?.id,
    );
    const ranked = await ranking.joinState(event.code, join.role, participant?.id, state.questions);
    return {
      role: join.role,
      event: toInfo(event),
      logId: state.logId,
      questions: moderator ? state.questions : state.questions.map(toPublic),
      ...(moderator && {
        settings: event.settings,
        presence,
        suspiciousVotes: await deps.voteWatch.read(event.code),
      }),
      ...(participant && { participant, mine: state.mine.map(toOwn) }),
      ...ranked,
      serverTime: deps.now(),
    };
  });
}

function registerAudience(io: DaisServer, router: Router, deps: GatewayDeps) {
  const { intake, store, now } = deps;
  router.on('question:submit', async (socket, { text, name, requestId }) => {
    const { code, participantId } = joined(socket);
    if (!participantId) throw new StoreError(ErrorCode.Forbidden, 'Only the audience asks');
    await deps.limits.check(
      'submit',
      code,
      participantId,
      socket.handshake.address,
      () => !!requestId && store.isDone(code, participantId, requestId),
    );
    try {
      const { change, leader } = await intake.submit(
        code,
        { text, authorId: participantId, authorName: name || null, requestId },
        now(),
      );
      // A retry is published too: its first attempt may have been stored and never
      // published (its ack failed on a command timeout). Clients keep the highest rev.
      publishChange(io, code, 'submitted', change);
      if (leader) publishChange(io, code, 'merged', leader);
      return { question: toOwn(change.question) };
    } catch (error) {
      // A retry the intake refuses before the store (closed since, settings changed)
      // may be one whose first attempt was stored: that one still gets its question.
      const refusal = error instanceof StoreError && REFUSED_BEFORE_STORE.has(error.code);
      const stored =
        refusal && requestId && (await store.findSubmitted(code, participantId, requestId));
      if (!stored) throw error;
      publishChange(io, code, 'submitted', {
        logId: '',
        question: stored,
        previous: stored.status,
      });
      return { question: toOwn(stored) };
    }
  });
}

/** Refusals the intake gives before the submit script sees the request id. */
const REFUSED_BEFORE_STORE = new Set<ErrorCode>([ErrorCode.QuestionsClosed, ErrorCode.Rejected]);

const STATUS_ACTIONS = {
  'question:reject': ['reject', 'rejected'],
  'question:show': ['show', 'shown'],
  'question:answer': ['answer', 'answered'],
} as const;

function registerModeration(io: DaisServer, router: Router, deps: GatewayDeps) {
  const { store, intake, now } = deps;
  for (const [event, [action, change]] of Object.entries(STATUS_ACTIONS)) {
    router.on(event as keyof typeof STATUS_ACTIONS, async (socket, payload) => {
      const { code, role, actor } = joined(socket);
      const reason = 'reason' in payload ? payload.reason : undefined;
      const result = await store.transition(code, payload.questionId, action, {
        actor,
        undoable: role === 'moderator',
        expected: payload.expected,
        reason,
        now: now(),
      });
      if (result.returned) publishChange(io, code, 'returned', result.returned);
      publishChange(io, code, change, result.change);
      await publishQueueIfLeft(io, deps.ranking, code, result.change);
      return { question: viewFor(role, result.change.question) };
    });
  }

  router.on('question:approve', async (socket, { questionId, text, expected }) => {
    const { code, actor } = joined(socket);
    const publicText = await approvedText(deps, code, questionId, text);
    const { change } = await store.transition(code, questionId, 'approve', {
      actor,
      undoable: true,
      expected,
      publicText: text === undefined ? undefined : publicText,
      // Approved questions are cluster leaders for later duplicates, as they read now.
      index: indexEntry,
      now: now(),
    });
    publishChange(io, code, 'approved', change);
    return { question: change.question };
  });

  router.on('question:merge', async (socket, { questionId, intoId, expected }) => {
    const { code, actor } = joined(socket);
    const { logId, target, moved } = await store.merge(code, questionId, intoId, {
      actor,
      expected,
      now: now(),
    });
    for (const change of moved) publishChange(io, code, 'merged', change);
    publishChange(io, code, 'merged', { logId, question: target, previous: target.status });
    await publishQueueIfLeft(io, deps.ranking, code, moved[0]!);
    return { question: target };
  });

  router.on('question:split', async (socket, { questionId, expected }) => {
    const { code, actor } = joined(socket);
    const { change, formerLeader } = await store.split(code, questionId, {
      actor,
      expected,
      now: now(),
      bandsOf: (print) => (JSON.parse(print) as { bands: string[] }).bands,
    });
    publishChange(io, code, 'split', change);
    publishChange(io, code, 'split', {
      logId: change.logId,
      question: formerLeader,
      previous: formerLeader.status,
    });
    return { question: change.question };
  });

  router.on('event:configure', async (socket, settings) => {
    const { code, actor } = joined(socket);
    const { logId, event } = await store.configure(code, settings, actor, now());
    await deps.retention.schedule(event);
    intake.forget(code);
    publishEvent(io, logId, event);
    return { event: toInfo(event), settings: event.settings };
  });
}

/**
 * The public text an approval publishes: the moderator's edit (filtered again, and
 * refused if it still holds personal data or safeguarding concerns), or the stored
 * public text, which is already redacted. Safeguarding questions need an edit.
 */
async function approvedText(
  { store, intake }: GatewayDeps,
  code: string,
  questionId: string,
  edit: string | undefined,
): Promise<string> {
  if (edit === undefined) {
    const question = await store.mustGetQuestion(code, questionId);
    if (needsEditToApprove(question)) {
      throw new StoreError(
        ErrorCode.Conflict,
        'A question held for safeguarding can only be approved with an edited text',
        { current: question },
      );
    }
    return question.publicText;
  }
  return intake.moderatorText(code, edit);
}
