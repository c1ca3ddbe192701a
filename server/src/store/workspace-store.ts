import type { RedisClient } from '../redis/client';
import {
  QUESTION_STATUSES,
  type AuditEntry,
  type Presence,
  type QuestionStatus,
} from '@dais/shared';
import {
  bandsOf,
  printRead,
  run,
  retrying,
  type Actor,
  type Change,
  type EventStore,
} from './event-store';
import { indexEntry } from '../moderation/intake';
import { eventKeys, statusKeys } from './keys';

/** A moderator socket's presence entry is refreshed this often by its server... */
export const PRESENCE_REFRESH_MS = 60_000;
/** ...and taken for a dead server's leftover when older than this. */
export const PRESENCE_TTL_MS = 3 * PRESENCE_REFRESH_MS;

/** Log fields shown as who and what, not as details. */
const ENTRY_FIELDS = new Set(['type', 'id', 'actor', 'actorName']);
/** A read filtered by type looks through this many entries per stream read... */
const AUDIT_SCAN_PAGE = 500;
/** ...and at most this many per call (then `older` says where to go on). */
const AUDIT_SCAN_LIMIT = 5_000;

/** The moderators' workspace in Redis: edits, undo, the audit log, presence. */
export function createWorkspaceStore(redis: RedisClient, store: EventStore) {
  /**
   * Replaces the public text (already filtered by the caller); the asker's text stays.
   * The question's near-duplicate fingerprint follows the new text (see edit-question.lua).
   */
  async function edit(
    code: string,
    id: string,
    publicText: string,
    opts: { actor: Actor; expected?: QuestionStatus; now: number },
  ): Promise<Change> {
    const keys = eventKeys(code);
    return store.withCurrent(code, id, () =>
      retrying(async () => {
        const [question, print] = await Promise.all([
          store.mustGetQuestion(code, id),
          redis.hget(keys.fingerprints, id),
        ]);
        const next = indexEntry(publicText);
        // Undo restores the print of the public text it restores, unless it was the asker's.
        const read = printRead(print, question, indexEntry);
        const scriptKeys = [
          keys.log,
          keys.question(id),
          keys.actions(opts.actor.id),
          keys.fingerprints,
          ...read.bands.map(keys.band),
          ...next.bands.map(keys.band),
        ];
        const [logId, status] = await run(() =>
          redis.editQuestion(
            scriptKeys.length,
            ...scriptKeys,
            publicText,
            opts.now,
            opts.actor.id,
            opts.actor.name,
            opts.expected ?? '',
            question.rev,
            read.print,
            next.fingerprint,
            read.bands.length,
            read.asked ? '1' : '',
          ),
        );
        const edited = await store.mustGetQuestion(code, id);
        return { logId, question: edited, previous: status as QuestionStatus };
      }),
    );
  }

  /**
   * Undoes the actor's newest undoable action. The list's head and its log entry are
   * read here to learn which questions and keys to pass; the script checks them again.
   * The changes are the entry's question first, then the others the undo changed
   * (a merge's target and the members that moved with it, a split's leader).
   */
  async function undo(
    code: string,
    actor: Actor,
    now: number,
  ): Promise<{ changes: Change[]; queue: string[] | null }> {
    const keys = eventKeys(code);
    return retrying(async () => {
      const head = await redis.lindex(keys.actions(actor.id), 0);
      const [entry] = head ? await redis.xrange(keys.log, head, head) : [];
      const fields = entry ? fieldsOf(entry[1]) : {};
      const id = fields.id;
      const own = id ? await undoInputs(code, id, fields) : { keys: [], args: [], others: [] };
      const scriptKeys = [
        keys.log,
        keys.actions(actor.id),
        keys.question(id ?? ''),
        ...statusKeys(keys),
        keys.rank,
        keys.queue,
        ...own.keys,
      ];
      const undone = () =>
        run(() =>
          redis.undoAction(
            scriptKeys.length,
            ...scriptKeys,
            head ?? '',
            QUESTION_STATUSES.join(','),
            now,
            actor.id,
            actor.name,
            ...own.args,
          ),
        );
      const [logId, previous, queue] = id
        ? await store.withCurrent(code, id, undone)
        : await undone();
      const question = await store.mustGetQuestion(code, id ?? '');
      // The others keep their status: a merge's target and a split's leader stay where they are.
      const others = await store.readQuestions(code, own.others);
      return {
        changes: [
          { logId, question, previous: previous as QuestionStatus },
          ...others.map((other) => ({ logId, question: other, previous: other.status })),
        ],
        queue: queue ?? null,
      };
    }, 10);
  }

  /** The keys and arguments undo-action.lua takes for an entry of this type, and who else changes. */
  async function undoInputs(code: string, id: string, entry: Record<string, string>) {
    const keys = eventKeys(code);
    switch (entry.type) {
      case 'question.edit':
      case 'question.approve': {
        // An approval logs `indexed` when it replaced the fingerprint.
        if (entry.type === 'question.approve' && entry.indexed === undefined) break;
        const [print, [asker, publicText]] = await Promise.all([
          redis.hget(keys.fingerprints, id),
          redis.hmget(keys.question(id), 'text', 'publicText'),
        ]);
        if (!print) return { keys: [keys.fingerprints], args: ['', '', 0], others: [] };
        // The print of the public text before (an approval without an edit kept it), or
        // of the asker's words.
        const asked = entry.beforeAsked === '1' || entry.printAsked === '1';
        const text = asked ? asker : entry.edited === '0' ? publicText : entry.before;
        const restored = indexEntry(text ?? '');
        const printBands = bandsOf(print);
        return {
          keys: [keys.fingerprints, ...[...printBands, ...restored.bands].map(keys.band)],
          args: [print, restored.fingerprint, printBands.length],
          others: [],
        };
      }
      case 'question.merged': {
        const target = entry.into ?? '';
        const moved = (entry.moved ?? '').split(',').filter(Boolean);
        const kept = keys.mergedFrom(id, entry.rev ?? '');
        return {
          keys: [
            keys.question(target),
            keys.clusterOf,
            keys.askers(id),
            keys.askers(target),
            keys.voters(id),
            keys.voters(target),
            kept.askers,
            kept.voters,
            kept.newAskers,
            kept.newVoters,
            ...moved.map(keys.question),
          ],
          args: [],
          others: [target, ...moved],
        };
      }
      case 'question.split': {
        const leader = entry.from ?? '';
        const print = entry.indexed === '1' ? await redis.hget(keys.fingerprints, id) : null;
        return {
          keys: [
            keys.question(leader),
            keys.clusterOf,
            keys.askers(leader),
            keys.askers(id),
            keys.voters(leader),
            keys.voters(id),
            ...(print ? bandsOf(print) : []).map(keys.band),
          ],
          args: [],
          others: [leader],
        };
      }
    }
    return { keys: [], args: [], others: [] };
  }

  /**
   * A page of the log, newest first, older than `before` when given, only of `types`
   * when given. `older` is where the next page starts (null: the log's start).
   */
  async function audit(
    code: string,
    { before, limit, types }: { before?: string; limit: number; types?: readonly string[] },
  ): Promise<{ entries: AuditEntry[]; older: string | null }> {
    const wanted = types && new Set(types);
    const entries: AuditEntry[] = [];
    let older = before ?? null;
    for (let scanned = 0; scanned < AUDIT_SCAN_LIMIT;) {
      const count = wanted ? AUDIT_SCAN_PAGE : limit - entries.length;
      const page = await redis.xrevrange(
        eventKeys(code).log,
        older ? `(${older}` : '+',
        '-',
        'COUNT',
        count,
      );
      for (const [logId, flat] of page) {
        older = logId;
        scanned++;
        const entry = toAuditEntry(logId, fieldsOf(flat));
        if (wanted && !wanted.has(entry.type)) continue;
        entries.push(entry);
        if (entries.length === limit) return { entries, older };
      }
      if (page.length < count) return { entries, older: null };
    }
    return { entries, older };
  }

  /**
   * Writes (or with `entry` null removes) one moderator socket's presence, and returns
   * who is present, dropping what a dead server left behind, with the presence version.
   */
  async function setPresence(
    code: string,
    socketId: string,
    entry: Presence[number] | null,
    now: number,
  ): Promise<{ version: number; presence: Presence }> {
    const json = entry ? JSON.stringify({ ...entry, at: now }) : '';
    const keys = eventKeys(code);
    const [version, present] = await redis.setPresence(
      keys.presence,
      keys.presenceVersion,
      socketId,
      json,
      now,
      PRESENCE_TTL_MS,
    );
    const presence = present
      .map((value) => {
        const { id, name, focus } = JSON.parse(value) as Presence[number];
        return { id, name, focus };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { version, presence };
  }

  return { edit, undo, audit, setPresence };
}
export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

function toAuditEntry(logId: string, fields: Record<string, string>): AuditEntry {
  const details: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!ENTRY_FIELDS.has(name)) details[name] = value;
  }
  return {
    logId,
    at: Number(logId.split('-')[0]),
    type: fields.type ?? '',
    questionId: fields.id ?? null,
    actor: { id: fields.actor ?? '', name: fields.actorName ?? '' },
    details,
  };
}
