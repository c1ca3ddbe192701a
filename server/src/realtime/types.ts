import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@dais/shared';
import type { Actor } from '../store/event-store';

/** What the server knows about a socket once it has joined an event. */
export interface SocketData {
  code?: string;
  role?: Role;
  participantId?: string;
  /** Who the log names for this socket's actions (see `actorOf` in workspace.ts). */
  actor?: Actor;
}

export type DaisServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
export type DaisSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
