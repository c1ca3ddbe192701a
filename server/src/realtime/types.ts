import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  EventInfo,
  ModerationSettings,
  Presence,
  Role,
  ServerToClientEvents,
} from '@dais/shared';
import type { Actor } from '../store/event-store';

/** What the server knows about a socket once it has joined an event. */
export interface SocketData {
  code?: string;
  role?: Role;
  participantId?: string;
  /** Who the log names for this socket's actions (see `actorOf` in workspace.ts). */
  actor?: Actor;
  /**
   * Until when this socket's participant counts as fresh (minted on this socket, not
   * back with a token): its up-votes are watched (security/vote-watch.ts).
   */
  freshUntil?: number;
}

/** What one server process tells the others (io.serverSideEmit, through the adapter). */
export interface InterServerEvents {
  /** Vote counts of these cluster leaders changed on the sender (see vote-batcher.ts). */
  'votes:dirty': (code: string, leaderIds: string[]) => void;
  /** Who is present now, as of presence version `version` (see workspace.ts). */
  'presence:changed': (code: string, version: number, presence: Presence) => void;
  /** "Up next" as of log entry `logId` (see rooms.ts). */
  'queue:changed': (code: string, logId: string, queue: string[]) => void;
  /** The event's info and settings as of log entry `logId` (see rooms.ts). */
  'event:changed': (logId: string, info: EventInfo, settings: ModerationSettings) => void;
  /** A process stopped beating; its last beat was at `since` (ms, Redis' clock; peers.ts). */
  'peer:lost': (since: number) => void;
}

export type DaisServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type DaisSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
