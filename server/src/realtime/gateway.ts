import {
  cleanQuestionText,
  ErrorCode,
  HandshakeSchema,
  PROTOCOL_VERSION,
  PUBLIC_STATUSES,
  QUESTION_STATUSES,
  textLength,
  toPublic,
  type QuestionAction,
  type Snapshot,
} from '@dais/shared';
import { keyMatches, newId, signParticipant, verifyParticipant } from '../security/secrets';
import { StoreError, toInfo, type EventStore } from '../store/event-store';
import type { Logger } from '../logger';
import { authorize, handle } from './handle';
import { moderatorsRoom, participantRoom, publicRoom, publishChange } from './rooms';
import type { DaisServer, DaisSocket } from './types';

export interface GatewayDeps {
  store: EventStore;
  logger: Logger;
  now: () => number;
  /** Signs participant tokens; shared by all processes through Redis. */
  secret: string;
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

  io.on('connection', (socket) => {
    socket.use(authorize(socket));
    registerJoin(io, socket, deps);
    registerAudience(io, socket, deps);
    registerModeration(io, socket, deps);
  });
}

function registerJoin(io: DaisServer, socket: DaisSocket, { store, logger, secret }: GatewayDeps) {
  handle(socket, 'event:join', logger, async (join): Promise<Snapshot> => {
    const event = await store.getEvent(join.code);
    if (!event) throw new StoreError(ErrorCode.EventNotFound, `No event with code ${join.code}`);

    let participant: Snapshot['participant'];
    if (join.role === 'audience') {
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
    socket.data = { code: event.code, role: join.role, participantId: participant?.id };
    if (join.role === 'moderator') void socket.join(moderatorsRoom(event.code));
    else void socket.join(publicRoom(event.code));
    if (participant) void socket.join(participantRoom(event.code, participant.id));

    const statuses = join.role === 'moderator' ? QUESTION_STATUSES : PUBLIC_STATUSES;
    const state = await store.readState(event.code, statuses, participant?.id);
    return {
      role: join.role,
      event: toInfo(event),
      logId: state.logId,
      questions: join.role === 'moderator' ? state.questions : state.questions.map(toPublic),
      ...(participant && { participant, mine: state.mine }),
    };
  });
}

function registerAudience(io: DaisServer, socket: DaisSocket, { store, logger, now }: GatewayDeps) {
  handle(socket, 'question:submit', logger, async ({ text, name }) => {
    const { code, participantId } = joined(socket);
    const cleaned = cleanQuestionText(text);
    if (!cleaned) throw new StoreError(ErrorCode.Empty, 'A question needs some text');
    if (!participantId) throw new StoreError(ErrorCode.Forbidden, 'Only the audience asks');
    const change = await store.submitQuestion(
      code,
      {
        text: cleaned,
        length: textLength(cleaned),
        authorId: participantId,
        authorName: name || null,
      },
      now(),
    );
    publishChange(io, code, 'submitted', change);
    return { question: change.question };
  });
}

const ACTIONS = {
  'question:approve': ['approve', 'approved'],
  'question:reject': ['reject', 'rejected'],
  'question:show': ['show', 'shown'],
  'question:answer': ['answer', 'answered'],
} as const satisfies Record<string, [QuestionAction, string]>;

function registerModeration(io: DaisServer, socket: DaisSocket, deps: GatewayDeps) {
  const { store, logger, now } = deps;
  for (const [event, [action, change]] of Object.entries(ACTIONS)) {
    handle(socket, event as keyof typeof ACTIONS, logger, async (payload) => {
      const { code, role } = joined(socket);
      const reason = 'reason' in payload ? payload.reason : undefined;
      const result = await store.transition(code, payload.questionId, action, {
        actor: role,
        reason,
        now: now(),
      });
      if (result.returned) publishChange(io, code, 'returned', result.returned);
      publishChange(io, code, change, result.change);
      return { question: result.change.question };
    });
  }

  handle(socket, 'event:configure', logger, async ({ maxQuestionLength }) => {
    const { code, role } = joined(socket);
    const { logId, event } = await store.configure(code, maxQuestionLength, role);
    io.to(moderatorsRoom(code)).to(publicRoom(code)).emit('event:changed', { logId, event });
    return { event };
  });
}

/** The socket's event and role; `authorize` has already refused sockets that did not join. */
function joined(socket: DaisSocket) {
  const { code, role, participantId } = socket.data;
  if (!code || !role) throw new StoreError(ErrorCode.NotJoined, 'Join an event first');
  return { code, role, participantId };
}
