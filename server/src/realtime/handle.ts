import { z } from 'zod';
import {
  CLIENT_EVENTS,
  ErrorCode,
  fail,
  ok,
  type AckData,
  type ClientEventName,
  type Failure,
} from '@dais/shared';
import { StoreError } from '../store/event-store';
import type { Logger } from '../logger';
import type { DaisSocket } from './types';

type Payload<E extends ClientEventName> = z.output<(typeof CLIENT_EVENTS)[E]['payload']>;

/**
 * Registers one client event: validates the payload with its schema, runs the
 * handler and acks its result. Nothing runs on an invalid payload; errors become
 * typed failures and never reach the client unsanitized.
 */
export function handle<E extends ClientEventName>(
  socket: DaisSocket,
  event: E,
  logger: Logger,
  handler: (payload: Payload<E>) => Promise<AckData<E>>,
): void {
  const { payload: schema } = CLIENT_EVENTS[event];
  const listener = async (raw: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      reply(fail(ErrorCode.InvalidPayload, z.prettifyError(parsed.error)));
      return;
    }
    try {
      reply(ok(await handler(parsed.data as Payload<E>)));
    } catch (error) {
      reply(toFailure(error, event, logger));
    }
  };
  // socket.io's typed `on` cannot follow a generic event name; the schema above is the real check.
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(event, listener);
}

/**
 * Socket middleware run before every handler: unknown events and events the
 * socket's role may not send are refused here, with an ack when one was asked for.
 */
export function authorize(socket: DaisSocket) {
  return (packet: unknown[], next: (err?: Error) => void) => {
    const [event] = packet;
    const ack = packet.at(-1);
    const refuse = (failure: Failure) => typeof ack === 'function' && ack(failure);
    if (typeof event !== 'string' || !Object.hasOwn(CLIENT_EVENTS, event)) {
      refuse(fail(ErrorCode.UnknownEvent, `Unknown event ${String(event)}`));
      return;
    }
    const { roles } = CLIENT_EVENTS[event as ClientEventName];
    if (roles === 'any') return next();
    const role = socket.data.role;
    if (!role) return refuse(fail(ErrorCode.NotJoined, 'Join an event first'));
    if (!(roles as readonly string[]).includes(role)) {
      return refuse(fail(ErrorCode.Forbidden, `${event} is not allowed for ${role}`));
    }
    next();
  };
}

function toFailure(error: unknown, event: string, logger: Logger): Failure {
  if (error instanceof StoreError) return fail(error.code, error.message, error.details);
  if (isRedisDown(error)) {
    // Not "nothing was changed": a command that timed out, or was in flight when the
    // connection dropped, may still have run. A retry with the same request id is safe.
    return fail(ErrorCode.Unavailable, 'The store did not answer; please try again');
  }
  logger.error(`${event} failed`, error);
  return fail(ErrorCode.Internal, 'Something went wrong on the server');
}

/**
 * ioredis' and Redis' ways of saying the store could not answer: the connection is
 * down or was lost (Redis or Cluster client), a command timed out (a stalled Redis),
 * or Redis is up but cannot serve yet (loading its AOF, a cluster without all its
 * slots, a busy script, a disk it cannot write).
 */
const REDIS_DOWN = new RegExp(
  [
    'Connection is closed',
    'max retries per request',
    "Stream isn't writeable",
    'ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT',
    'Command timed out',
    'None of startup nodes is available',
    'Failed to refresh slots cache',
    'Too many Cluster redirections',
    "Cluster isn't ready",
    '^(LOADING|BUSY|MISCONF|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY)\\b',
  ].join('|'),
  'i',
);
export const isRedisDown = (error: unknown) =>
  error instanceof Error && REDIS_DOWN.test(error.message);

/** The socket's event, role and actor; `authorize` has already refused sockets that did not join. */
export function joined(socket: DaisSocket) {
  const { code, role, participantId, actor } = socket.data;
  if (!code || !role || !actor) throw new StoreError(ErrorCode.NotJoined, 'Join an event first');
  return { code, role, participantId, actor };
}
