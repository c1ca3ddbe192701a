import type { AuditEntry } from '@dais/shared';

/**
 * The log as loaded so far, newest first; `older` is where the next older page
 * starts (null: the start of the log is loaded). A page read from the server has
 * the same shape.
 */
export interface LoadedLog {
  entries: AuditEntry[];
  older: string | null;
}

/** Stream ids `ms-seq` in time order. */
function isNewer(a: string, b: string) {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs > 0 || (aMs === bMs && aSeq > bSeq);
}

/**
 * Puts a fresh newest page on top of what is loaded. When the page's reading did
 * not reach back to the newest loaded entry (more was logged since), the two do not
 * meet: the loaded entries are dropped and paging starts again from the fresh page,
 * so the list never has a hole.
 */
export function withNewest(known: LoadedLog | null, fresh: LoadedLog): LoadedLog {
  const newestKnown = known?.entries[0]?.logId;
  if (!known || !newestKnown) return fresh;
  const meets = fresh.older === null || !isNewer(fresh.older, newestKnown);
  if (!meets) return fresh;
  const newer = fresh.entries.filter((entry) => isNewer(entry.logId, newestKnown));
  return newer.length ? { ...known, entries: [...newer, ...known.entries] } : known;
}

/** Appends an older page (read with `before` = the loaded log's `older`). */
export function withOlder(known: LoadedLog, older: LoadedLog): LoadedLog {
  const oldest = known.entries.at(-1)?.logId;
  const fresh = oldest
    ? older.entries.filter((entry) => isNewer(oldest, entry.logId))
    : older.entries;
  return { entries: [...known.entries, ...fresh], older: older.older };
}
