import type { AuditEntry } from '@dais/shared';

/** The page size `readAudit` asks for: a shorter page is the start of the log. */
export const AUDIT_PAGE = 100;

/** The log as loaded so far, newest first; `hasOlder` while "load older" may find more. */
export interface LoadedLog {
  entries: AuditEntry[];
  hasOlder: boolean;
}

/** Stream ids `ms-seq` in time order. */
function isNewer(a: string, b: string) {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs > 0 || (aMs === bMs && aSeq > bSeq);
}

/**
 * Puts a fresh newest page on top of what is loaded. When more than a page was
 * logged since, the two do not meet: the loaded entries are dropped and paging
 * starts again from the fresh page, so the list never has a hole.
 */
export function withNewest(known: LoadedLog | null, fresh: AuditEntry[]): LoadedLog {
  const full = fresh.length === AUDIT_PAGE;
  const newestKnown = known?.entries[0]?.logId;
  if (!known || !newestKnown) return { entries: fresh, hasOlder: full };
  const meets = !full || fresh.some((entry) => entry.logId === newestKnown);
  if (!meets) return { entries: fresh, hasOlder: true };
  const newer = fresh.filter((entry) => isNewer(entry.logId, newestKnown));
  return newer.length ? { ...known, entries: [...newer, ...known.entries] } : known;
}

/** Appends an older page (read with `before` = the oldest loaded id). */
export function withOlder(known: LoadedLog, older: AuditEntry[]): LoadedLog {
  const oldest = known.entries.at(-1)?.logId;
  const fresh = oldest ? older.filter((entry) => isNewer(oldest, entry.logId)) : older;
  return { entries: [...known.entries, ...fresh], hasOlder: older.length === AUDIT_PAGE };
}
