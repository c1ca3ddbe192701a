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
type Handler<E extends ClientEventName> = (
  socket: DaisSocket,
  payload: Payload<E>,
) => Promise<AckData<E>>;

/**
 * Every client event's handler, made once per app and shared by all sockets: a
 * socket costs one middleware (`dispatch`), not a listener and a closure per event
 * (docs/PERFORMANCE.md, "Memory per idle connection").
 */
export function createRouter(logger: Logger) {
  const handlers = new Map<string, Handler<ClientEventName>>();

  /** Validates the payload with its schema, runs the handler and acks its result. */
  async function run(
    socket: DaisSocket,
    event: ClientEventName,
    handler: Handler<ClientEventName>,
    raw: unknown,
    reply: Reply,
  ) {
    const parsed = CLIENT_EVENTS[event].payload.safeParse(raw);
    if (!parsed.success) {
      reply(fail(ErrorCode.InvalidPayload, z.prettifyError(parsed.error)));
      return;
    }
    try {
      reply(ok(await handler(socket, parsed.data as Payload<ClientEventName>)));
    } catch (error) {
      reply(toFailure(error, event, logger));
    }
  }

  return {
    /**
     * Registers one client event. Nothing runs on an invalid payload; errors become
     * typed failures and never reach the client unsanitized.
     */
    on<E extends ClientEventName>(event: E, handler: Handler<E>) {
      handlers.set(event, handler as unknown as Handler<ClientEventName>);
    },
    /**
     * The socket's one middleware, run on every packet: unknown events and events the
     * socket's role may not send are refused, with an ack when one was asked for;
     * the others go to their handler.
     */
    dispatch(socket: DaisSocket) {
      return (packet: unknown[]) => {
        const [event, ...args] = packet;
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as Reply) : () => {};
        const handler = typeof event === 'string' ? handlers.get(event) : undefined;
        if (!handler) return ack(fail(ErrorCode.UnknownEvent, `Unknown event ${String(event)}`));
        const name = event as ClientEventName;
        const { roles } = CLIENT_EVENTS[name];
        const role = socket.data.role;
        if (roles !== 'any') {
          if (!role) return ack(fail(ErrorCode.NotJoined, 'Join an event first'));
          if (!(roles as readonly string[]).includes(role)) {
            return ack(fail(ErrorCode.Forbidden, `${event} is not allowed for ${role}`));
          }
        }
        void run(socket, name, handler, args[0], ack);
      };
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
type Reply = (result: unknown) => void;

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

/** The socket's event, role and actor; `dispatch` has already refused sockets that did not join. */
export function joined(socket: DaisSocket) {
  const { code, role, participantId, actor } = socket.data;
  if (!code || !role || !actor) throw new StoreError(ErrorCode.NotJoined, 'Join an event first');
  return { code, role, participantId, actor };
}
