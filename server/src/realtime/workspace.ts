import type { JoinPayload, Presence } from '@dais/shared';
import type { Intake } from '../moderation/intake';
import type { Actor } from '../store/event-store';
import { PRESENCE_REFRESH_MS, type WorkspaceStore } from '../store/workspace-store';
import type { Logger } from '../logger';
import { joined, type Router } from './handle';
import { isNewest } from './newest';
import { moderatorsRoom, publishChange, publishQueue } from './rooms';
import type { DaisServer, DaisSocket } from './types';

/** What these handlers need of the gateway's dependencies. */
export interface WorkspaceDeps {
  workspace: WorkspaceStore;
  intake: Intake;
  logger: Logger;
  now: () => number;
}

/**
 * Who the log names for a socket: a moderator by the id their browser keeps (so
 * "undo" survives a reload; without one, this connection's id) and the name they
 * gave ('' for none: each client names them in its own language); the stage as
 * 'stage'; a participant by their id.
 */
export function actorOf(join: JoinPayload, socketId: string, participantId?: string): Actor {
  if (join.role === 'moderator') {
    return { id: join.clientId ?? `m_${socketId}`, name: join.name?.trim() ?? '' };
  }
  if (join.role === 'stage') return { id: 'stage', name: '' };
  return { id: participantId ?? socketId, name: '' };
}

/** The moderators' workspace: edit, undo, the audit log, and who looks at what. */
export function registerWorkspace(io: DaisServer, router: Router, deps: WorkspaceDeps) {
  const { workspace, intake, now } = deps;

  router.on('question:edit', async (socket, { questionId, text, expected }) => {
    const { code, actor } = joined(socket);
    const publicText = await intake.moderatorText(code, text);
    const change = await workspace.edit(code, questionId, publicText, {
      actor,
      expected,
      now: now(),
    });
    publishChange(io, code, 'edited', change);
    return { question: change.question };
  });

  router.on('moderator:undo', async (socket) => {
    const { code, actor } = joined(socket);
    // An undone merge or split changes several questions (see WorkspaceStore.undo).
    const { changes, queue } = await workspace.undo(code, actor, now());
    for (const change of changes) publishChange(io, code, 'undone', change);
    if (queue) publishQueue(io, code, changes[0]!.logId, queue);
    return { questions: changes.map((change) => change.question) };
  });

  router.on('audit:read', async (socket, query) => {
    const { code } = joined(socket);
    return workspace.audit(code, query);
  });

  router.on('moderator:focus', async (socket, { questionId }) => {
    const { code } = joined(socket);
    const here = present.get(socket);
    if (here?.code === code) {
      here.entry.focus = questionId;
      await announce(io, deps, code, socket.id, here.entry);
    }
    return {};
  });
}

/** A moderator socket that goes leaves the presence (and tells the other processes). */
export function leavePresenceOnDisconnect(io: DaisServer, socket: DaisSocket, deps: WorkspaceDeps) {
  socket.on('disconnect', () => {
    const left = leavePresence(io, deps, socket).catch((error: unknown) =>
      deps.logger.error('presence: leaving failed', error),
    );
    let pending = leaving.get(io);
    if (!pending) leaving.set(io, (pending = new Set()));
    pending.add(left);
    void left.finally(() => pending.delete(left));
  });
}

/** Per server: presence entries of disconnected sockets still being removed. */
const leaving = new WeakMap<DaisServer, Set<Promise<void>>>();

/**
 * Resolves once every disconnected moderator has left the presence and the other
 * processes were told: the app waits for it on close, before Redis goes.
 */
export async function presenceSettled(io: DaisServer): Promise<void> {
  await Promise.all(leaving.get(io) ?? []);
}

/** The presence entry of each moderator socket of this server, refreshed while it stays. */
const present = new WeakMap<
  DaisSocket,
  { code: string; entry: Presence[number]; timer: NodeJS.Timeout }
>();

/**
 * Called when a socket has joined (socket.data is already the new join): it leaves
 * the presence of the event it moderated before, if any, and a moderator who is
 * `shown` enters the presence of this one. Returns who is present, for its snapshot.
 */
export async function joinPresence(
  io: DaisServer,
  deps: WorkspaceDeps,
  socket: DaisSocket,
  shown: boolean,
): Promise<Presence | undefined> {
  await leavePresence(io, deps, socket);
  const { code, actor } = socket.data;
  if (!shown || !code || !actor) return undefined;
  const entry = { id: actor.id, name: actor.name, focus: null };
  const timer = setInterval(() => {
    deps.workspace
      .setPresence(code, socket.id, entry, deps.now())
      .catch((error: unknown) => deps.logger.error('presence: refresh failed', error));
  }, PRESENCE_REFRESH_MS);
  timer.unref();
  present.set(socket, { code, entry, timer });
  const presence = await announce(io, deps, code, socket.id, entry);
  // Gone while this ran: its disconnect found nothing to leave yet.
  if (socket.disconnected) await leavePresence(io, deps, socket);
  return presence;
}

async function leavePresence(io: DaisServer, deps: WorkspaceDeps, socket: DaisSocket) {
  const here = present.get(socket);
  if (!here) return;
  clearInterval(here.timer);
  present.delete(socket);
  await announce(io, deps, here.code, socket.id, null);
}

/**
 * Writes one socket's presence and tells the event's moderators, on every server
 * process, who is here now.
 */
async function announce(
  io: DaisServer,
  { workspace, now }: WorkspaceDeps,
  code: string,
  socketId: string,
  entry: Presence[number] | null,
): Promise<Presence> {
  const { version, presence } = await workspace.setPresence(code, socketId, entry, now());
  deliverPresence(io, code, version, presence);
  io.serverSideEmit('presence:changed', code, version, presence);
  return presence;
}

/**
 * Presence is a whole list: each process hands its moderators only a list newer than
 * the last it handed them (see newest.ts), so every moderator ends with the newest.
 */
function deliverPresence(io: DaisServer, code: string, version: number, presence: Presence) {
  if (!isNewest(io, `presence:${code}`, [version, 0])) return;
  io.local.to(moderatorsRoom(code)).emit('presence:changed', { presence });
}

/** Hands this process's moderators the presence lists the other processes announce. */
export function relayPresence(io: DaisServer) {
  io.on('presence:changed', (code, version, presence) =>
    deliverPresence(io, code, version, presence),
  );
}
