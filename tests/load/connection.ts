import { performance } from 'node:perf_hooks';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AckData,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@dais/shared';

export type DaisClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];

/** A request's outcome: the ack's data, or its error code (TIMEOUT when none came). */
export type Outcome<E extends ClientEventName> =
  { ok: true; data: AckData<E> } | { ok: false; error: string };

/**
 * Milliseconds on a clock every process of the machine shares (the time origin is
 * wall-clock based), so a moderator's approval in one process and an audience
 * socket's receipt in another can be subtracted.
 */
export const clock = () => performance.timeOrigin + performance.now();

/**
 * A socket as the web client opens it (client/src/realtime/socket.ts): websocket
 * transport, the protocol version in the handshake, reconnecting by itself.
 * `localAddress` (passed through engine.io-client to ws) picks the source address.
 */
export function openSocket(url: string, localAddress?: string): DaisClient {
  const options: Partial<ManagerOptions & SocketOptions> & { localAddress?: string } = {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION },
    forceNew: true,
    ...(localAddress && { localAddress }),
  };
  return io(url, options);
}

/** Sends one client event and resolves with its outcome; never throws. */
export async function send<E extends ClientEventName>(
  socket: DaisClient,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs: number,
): Promise<Outcome<E>> {
  // Socket.IO's typings cannot resolve a generic event name; CLIENT_EVENTS keeps E and payload paired.
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emitWithAck: (
      event: E,
      payload: PayloadOf<E>,
    ) => Promise<{ ok: true; data: AckData<E> } | { ok: false; error: string }>;
  };
  try {
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: 'TIMEOUT' };
  }
}

/** A random number generator that repeats for a seed (mulberry32), so runs can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
