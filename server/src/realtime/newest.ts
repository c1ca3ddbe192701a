import type { DaisServer } from './types';

/**
 * Some broadcasts carry a whole value that clients replace rather than merge: "Up
 * next", the event's settings, the presence list. With several server processes,
 * two such messages can cross on the way (each process reaches its own sockets at
 * once and the others' through Redis), and the older could land last. So these go
 * out by process: each process hands its own sockets a value only when it is newer
 * than the last one it handed them (by the value's version: its log id, or the
 * presence counter), and tells the other processes, which do the same. Every socket
 * then ends with the newest value, whichever process wrote it.
 */

/** A value's place in its event's order: [milliseconds, sequence] of a log id, or [counter, 0]. */
export type Version = readonly [number, number];

/** The version of a value written with log entry `logId` (a stream id, "ms-seq"). */
export function logVersion(logId: string): Version {
  const [ms = 0, seq = 0] = logId.split('-').map(Number);
  return [ms, seq];
}

/** Values whose last delivered version a process remembers (the oldest are forgotten first). */
const MAX_REMEMBERED = 30_000;
/** Per server: the newest version of each value (e.g. 'queue:CODE') delivered here. */
const delivered = new WeakMap<DaisServer, Map<string, Version>>();

/**
 * Whether `version` of the value `key` is newer than any this process has handed its
 * sockets; if so it is remembered as the newest.
 */
export function isNewest(io: DaisServer, key: string, version: Version): boolean {
  let newest = delivered.get(io);
  if (!newest) delivered.set(io, (newest = new Map()));
  const last = newest.get(key);
  if (last && (version[0] < last[0] || (version[0] === last[0] && version[1] <= last[1]))) {
    return false;
  }
  newest.delete(key);
  newest.set(key, version);
  if (newest.size > MAX_REMEMBERED) newest.delete(newest.keys().next().value ?? '');
  return true;
}
