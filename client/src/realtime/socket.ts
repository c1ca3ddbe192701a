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
 * joins again and replaces local state with the snapshot (there is no connection
 * state recovery with the Redis adapter; the snapshot is the resync, see
 * docs/ARCHITECTURE.md). Returns the disconnect.
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
  // Pushes that arrive while a join is pending wait for its snapshot, then apply on top
  // of it: questions by rev, "Up next" and the event by log id (older ones are dropped),
  // vote counts in the order they came (each batch is read after the votes before it).
  let heldBack: (() => void)[] | null = null;
  const deliver = (apply: () => void) => (heldBack ? heldBack.push(apply) : apply());

  const retryLater = (retry: () => void) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, RETRY_DELAY_MS);
  };

  const stopWith = (error: Failure) => {
    store().setFatalError(error);
    socket.disconnect();
  };

  const join = async () => {
    const held: (() => void)[] = [];
    heldBack = held;
    const result = await emit(socket, 'event:join', joinPayload(request));
    // A newer join started meanwhile (a reconnect, a resync): its snapshot decides.
    if (heldBack !== held) return;
    heldBack = null;
    if (current !== socket || !socket.connected) return;
    if (result.ok) {
      store().applySnapshot(result.data);
      for (const apply of held) apply();
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
  // A server process died, maybe before publishing a change it had stored: join again.
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('event:resync', ({ withinMs }) => {
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(() => socket.connected && void join(), Math.random() * withinMs);
  });
  socket.on('question:changed', ({ question }) => deliver(() => store().mergeQuestion(question)));
  socket.on('event:changed', ({ logId, event, settings }) =>
    deliver(() => store().setEvent(event, settings, logId)),
  );
  socket.on('votes:changed', ({ updates }) => deliver(() => store().applyVotes(updates)));
  socket.on('queue:changed', ({ logId, queue }) => deliver(() => store().setQueue(queue, logId)));
  socket.on('presence:changed', ({ presence }) => store().setPresence(presence));
  socket.on('votes:suspicious', ({ questionId, votes }) =>
    store().setSuspiciousVotes(questionId, votes),
  );

  return () => {
    clearTimeout(retryTimer);
    clearTimeout(resyncTimer);
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

/**
 * `send`, asked again after each of `pausesMs` while the answer is UNAVAILABLE (the
 * server cannot be reached or did not answer in time). Only for payloads with a
 * request id: a retry of a command the server did store is answered without doing it
 * twice. `onlyOnline`: give up once the page is offline (the caller sends again after
 * the next join). `retrying` hears of each attempt after the first (1, 2, …).
 */
export async function sendRetrying<E extends 'question:submit' | 'question:vote'>(
  event: E,
  payload: PayloadOf<E> & { requestId: string },
  {
    pausesMs = [RETRY_DELAY_MS, RETRY_DELAY_MS],
    onlyOnline = false,
    retrying = () => {},
  }: {
    pausesMs?: readonly number[];
    onlyOnline?: boolean;
    retrying?: (attempt: number) => void;
  } = {},
): Promise<Result<AckData<E>>> {
  for (let attempt = 0; ; attempt++) {
    const result = await send(event, payload);
    const pause = pausesMs[attempt];
    const unavailable = !result.ok && result.error === ErrorCode.Unavailable;
    const offline = onlyOnline && store().connection !== 'online';
    if (!unavailable || pause === undefined || offline) return result;
    retrying(attempt + 1);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** A random request id (question:submit, question:vote): 16 characters of A-Za-z0-9_-. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
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
