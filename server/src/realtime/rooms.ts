import {
  isPublicStatus,
  toOwn,
  toPublic,
  type EventInfo,
  type ModerationSettings,
  type Question,
  type QUESTION_CHANGES,
  type Role,
} from '@dais/shared';
import { toInfo, type Change, type EventRecord } from '../store/event-store';
import { isNewest, logVersion } from './newest';
import type { DaisServer } from './types';

/** Moderators see every question in full. */
export const moderatorsRoom = (code: string) => `${code}:moderators`;

/** What a role may see of a question in an ack: the stage never gets the asker's words. */
export const viewFor = (role: Role, question: Question) =>
  role === 'moderator' ? question : toPublic(question);
/** The audience and the stage see public questions only. */
export const publicRoom = (code: string) => `${code}:public`;
/** The stage screens (also in the public room), for "Up next". */
export const stageRoom = (code: string) => `${code}:stage`;
/** Every socket of one participant, for their own questions. */
export const participantRoom = (code: string, participantId: string) =>
  `${code}:p:${participantId}`;

/**
 * Sends a question change to everyone entitled to it, each in the view they may
 * see. The public hears of it only when the question is or was public, so text a
 * moderator never approved never leaves the moderators and its asker.
 */
export function publishChange(
  io: DaisServer,
  code: string,
  change: (typeof QUESTION_CHANGES)[number],
  { logId, question, previous }: Change,
): void {
  const asker = participantRoom(code, question.authorId);
  io.to(moderatorsRoom(code)).emit('question:changed', { logId, change, question });
  io.to(asker).emit('question:changed', { logId, change, question: toOwn(question) });
  if (isPublicStatus(question.status) || (previous && isPublicStatus(previous))) {
    io.to(publicRoom(code))
      .except(asker)
      .emit('question:changed', { logId, change, question: toPublic(question) });
  }
}

/**
 * "Up next" changed: moderators and the stage hear its ids in order, on every process
 * and newest last (see newest.ts).
 */
export function publishQueue(io: DaisServer, code: string, logId: string, queue: string[]): void {
  deliverQueue(io, code, logId, queue);
  io.serverSideEmit('queue:changed', code, logId, queue);
}

function deliverQueue(io: DaisServer, code: string, logId: string, queue: string[]) {
  if (!isNewest(io, `queue:${code}`, logVersion(logId))) return;
  io.local.to([moderatorsRoom(code), stageRoom(code)]).emit('queue:changed', { logId, queue });
}

/**
 * The event's settings changed: everyone hears its public info, moderators also the
 * settings, on every process and newest last (see newest.ts).
 */
export function publishEvent(io: DaisServer, logId: string, event: EventRecord): void {
  const info = toInfo(event);
  deliverEvent(io, logId, info, event.settings);
  io.serverSideEmit('event:changed', logId, info, event.settings);
}

function deliverEvent(
  io: DaisServer,
  logId: string,
  info: EventInfo,
  settings: ModerationSettings,
) {
  if (!isNewest(io, `event:${info.code}`, logVersion(logId))) return;
  io.local.to(publicRoom(info.code)).emit('event:changed', { logId, event: info });
  io.local.to(moderatorsRoom(info.code)).emit('event:changed', { logId, event: info, settings });
}

/** Hands this process's sockets the queues and settings the other processes publish. */
export function relayQueueAndEvent(io: DaisServer) {
  io.on('queue:changed', (code, logId, queue) => deliverQueue(io, code, logId, queue));
  io.on('event:changed', (logId, info, settings) => deliverEvent(io, logId, info, settings));
}
