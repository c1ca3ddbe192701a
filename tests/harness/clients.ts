import { io, type Socket } from 'socket.io-client';
import {
  CreatedEventSchema,
  PROTOCOL_VERSION,
  type CreatedEvent,
  type AckData,
  type ClientEventName,
  type ClientToServerEvents,
  type JoinPayload,
  type Result,
  type ServerToClientEvents,
  type Snapshot,
} from '@dais/shared';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sockets = new Set<Client>();

/** A real socket.io-client connection over websocket, connected. */
export async function connect(url: string, protocol = PROTOCOL_VERSION): Promise<Client> {
  const socket: Client = io(url, {
    transports: ['websocket'],
    auth: { protocol },
    reconnection: false,
    forceNew: true,
  });
  sockets.add(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

export function disconnectAll() {
  for (const socket of sockets) socket.disconnect();
  sockets.clear();
}

/** Sends a client event and resolves with its ack. Payload is `unknown` so tests can send junk. */
export function request<E extends ClientEventName>(
  socket: Client,
  event: E,
  payload: unknown,
): Promise<Result<AckData<E>>> {
  const untyped = socket.timeout(5000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Result<AckData<E>>>;
  };
  return untyped.emitWithAck(event, payload);
}

/** Like `request`, but fails the test unless the ack is ok. */
export async function expectOk<E extends ClientEventName>(
  socket: Client,
  event: E,
  payload: unknown,
): Promise<AckData<E>> {
  const result = await request(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.error} ${result.message}`);
  return result.data;
}

export async function join(url: string, payload: JoinPayload) {
  const socket = await connect(url);
  const snapshot: Snapshot = await expectOk(socket, 'event:join', payload);
  return { socket, snapshot };
}

/** The API's answer plus the two keys taken from the links' fragments. */
export interface CreatedEventWithKeys extends CreatedEvent {
  moderatorKey: string;
  stageKey: string;
}

export async function createEvent(
  url: string,
  title = 'Ask the ambassador',
): Promise<CreatedEventWithKeys> {
  const response = await fetch(`${url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create event: ${response.status}`);
  const body = CreatedEventSchema.parse(await response.json());
  const keyOf = (link: string) => new URL(link).hash.slice(1);
  return { ...body, moderatorKey: keyOf(body.moderatorUrl), stageKey: keyOf(body.stageUrl) };
}

/** Joins an event as moderator, stage and one audience member. */
export async function joinAll(url: string, event: CreatedEventWithKeys) {
  const [moderator, stage, audience] = await Promise.all([
    join(url, { code: event.code, role: 'moderator', key: event.moderatorKey }),
    join(url, { code: event.code, role: 'stage', key: event.stageKey }),
    join(url, { code: event.code, role: 'audience' }),
  ]);
  return { moderator, stage, audience };
}

/** Collects every `question:changed` a socket receives, in order. */
export function recordChanges(socket: Client) {
  const seen: Parameters<ServerToClientEvents['question:changed']>[0][] = [];
  socket.on('question:changed', (change) => seen.push(change));
  return seen;
}

/** Resolves with the next server event of that name that matches. */
export function next<E extends keyof ServerToClientEvents>(
  socket: Client,
  event: E,
  matches: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      (socket.off as (e: string, l: unknown) => void)(event, listener);
      resolve(payload);
    };
    (socket.on as (e: string, l: unknown) => void)(event, listener);
  });
}
