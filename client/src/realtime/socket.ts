import {
  ErrorCode,
  fail,
  MAX_DISPLAY_NAME_LENGTH,
  PROTOCOL_VERSION,
  type AckData,
  type ClientEventName,
  type ClientToServerEvents,
  type Failure,
  type JoinPayload,
  type Result,
  type ServerToClientEvents,
} from '@dais/shared';
import { io, type Socket } from 'socket.io-client';
import { moderatorClientId, NAME_KEY, readStored, tokenKey, writeStored } from '../lib/storage';
import type { AnyQuestion } from '../lib/questions';
import { useAppStore } from '../store';

type DaisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];

/** Who this page joins as; the audience token is read from storage at every join. */
export type JoinRequest =
  | { code: string; role: 'audience' }
  | { code: string; role: 'stage'; key: string }
  /** `present: false`: a page that only reads (the summary), not shown to the other moderators. */
  | { code: string; role: 'moderator'; key: string; present?: boolean };

const ACK_TIMEOUT_MS = 5000;
const RETRY_DELAY_MS = 2000;
/** Join failures that retrying cannot fix: the page shows an error view instead. */
const FATAL_JOIN_ERRORS: readonly ErrorCode[] = [
  ErrorCode.EventNotFound,
  ErrorCode.BadKey,
  ErrorCode.ProtocolMismatch,
  ErrorCode.InvalidPayload,
  ErrorCode.Forbidden,
];

/** The one socket of the page, outside React so renders never reconnect it. */
let current: DaisSocket | null = null;

const store = () => useAppStore.getState();

/**
 * Connects to one event and keeps it joined across reconnects: every (re)connect
 * joins again and replaces local state with the snapshot. Returns the disconnect.
 */
export function connectToEvent(request: JoinRequest): () => void {
  current?.disconnect();
  store().reset();
  const socket: DaisSocket = io({
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION },
  });
  current = socket;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Pushes that arrive while a join is pending wait for its snapshot, then merge by rev.
  let heldBack: AnyQuestion[] | null = null;

  const retryLater = (retry: () => void) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, RETRY_DELAY_MS);
  };

  const stopWith = (error: Failure) => {
    store().setFatalError(error);
    socket.disconnect();
  };

  const join = async () => {
    heldBack = [];
    const result = await emit(socket, 'event:join', joinPayload(request));
    const missed = heldBack;
    heldBack = null;
    if (current !== socket || !socket.connected) return;
    if (result.ok) {
      store().applySnapshot(result.data);
      for (const question of missed) store().mergeQuestion(question);
      if (result.data.participant) {
        writeStored(tokenKey(request.code), result.data.participant.token);
      }
      store().setConnection('online');
    } else if (result.error === ErrorCode.BadToken) {
      writeStored(tokenKey(request.code), null); // a token this server no longer knows: start afresh
      void join();
    } else if (FATAL_JOIN_ERRORS.includes(result.error)) {
      stopWith(result);
    } else {
      retryLater(() => void join());
    }
  };

  socket.on('connect', () => void join());
  socket.on('disconnect', (reason) => {
    if (store().connection === 'online') store().setConnection('offline');
    // The server closed us on purpose (e.g. a restart): socket.io will not retry by itself.
    if (reason === 'io server disconnect') retryLater(() => socket.connect());
  });
  socket.on('connect_error', (error) => {
    if (error.message === ErrorCode.ProtocolMismatch) {
      stopWith(fail(ErrorCode.ProtocolMismatch, 'This page is out of date.'));
    } else if (!socket.active) {
      retryLater(() => socket.connect()); // refused by the server's middleware, not the network
    }
  });
  socket.on('question:changed', ({ question }) => {
    if (heldBack) heldBack.push(question);
    else store().mergeQuestion(question);
  });
  socket.on('event:changed', ({ event, settings }) => store().setEvent(event, settings));
  socket.on('votes:changed', ({ updates }) => store().applyVotes(updates));
  socket.on('queue:changed', ({ queue }) => store().setQueue(queue));
  socket.on('presence:changed', ({ presence }) => store().setPresence(presence));

  return () => {
    clearTimeout(retryTimer);
    if (current === socket) current = null;
    socket.removeAllListeners();
    socket.disconnect();
  };
}

function joinPayload(request: JoinRequest): JoinPayload {
  if (request.role === 'moderator') {
    const name = readStored(NAME_KEY)?.trim();
    return {
      ...request,
      clientId: moderatorClientId(),
      ...(name && { name: name.slice(0, MAX_DISPLAY_NAME_LENGTH) }),
    };
  }
  if (request.role !== 'audience') return request;
  const token = readStored(tokenKey(request.code));
  return token ? { ...request, token } : request;
}

/**
 * Sends one command and resolves with its Result; never throws. Refuses while
 * offline, so a buffered command cannot arrive later after the user saw it fail.
 */
export async function send<E extends ClientEventName>(
  event: E,
  payload: PayloadOf<E>,
): Promise<Result<AckData<E>>> {
  if (!current?.connected || store().connection !== 'online') {
    return fail(ErrorCode.Unavailable, 'You are offline. Try again once reconnected.');
  }
  return emit(current, event, payload);
}

async function emit<E extends ClientEventName>(
  socket: DaisSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<Result<AckData<E>>> {
  // Socket.IO's typings cannot resolve a generic event name; the maps above keep E and payload paired.
  const emitter = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck: (event: E, payload: PayloadOf<E>) => Promise<Result<AckData<E>>>;
  };
  try {
    return await emitter.emitWithAck(event, payload);
  } catch {
    return fail(ErrorCode.Unavailable, 'The server did not answer in time. Please try again.');
  }
}
