import {
  byPopularity,
  needsEditToApprove,
  QUESTION_STATUSES,
  type FilterReason,
  type Question,
  type QuestionStatus,
} from '@dais/shared';
import { groupClusters, isFullQuestion, type AnyQuestion } from '../../lib/questions';

/** The board's queues, in column (and 1–6 shortcut) order. */
export const QUEUE_KEYS = [
  'incoming',
  'held',
  'approved',
  'upNext',
  'answered',
  'rejected',
] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

/** Statuses a leader card can have (merged questions sit under their leader). */
export type CardStatus = Exclude<QuestionStatus, 'merged'>;
export const CARD_STATUSES = QUESTION_STATUSES.filter(
  (status): status is CardStatus => status !== 'merged',
);

export interface BoardFilters {
  /** Free text: matched in the asker's words, the public text and the author name. */
  search: string;
  status: CardStatus | 'all';
  reason: FilterReason | 'all';
}
export const NO_FILTERS: BoardFilters = { search: '', status: 'all', reason: 'all' };
export const isFiltering = (filters: BoardFilters) =>
  filters.search.trim() !== '' || filters.status !== 'all' || filters.reason !== 'all';

/** A titled part of a queue: Held has Safeguarding on top, Answered has the live one. */
export interface QueueGroup {
  id: 'safeguarding' | 'held' | 'live' | 'answered' | 'all';
  questions: Question[];
}

export interface BoardQueue {
  key: QueueKey;
  groups: QueueGroup[];
  /** The ids of every card shown, in order: what j/k walk through. */
  ids: string[];
  /** Cards before filtering. */
  total: number;
}
export type Board = Record<QueueKey, BoardQueue>;

/** Chinese and English alike: full-width forms folded (NFKC) and lower case. */
export const normalizeSearch = (text: string) => text.normalize('NFKC').toLowerCase();

const haystacks = new WeakMap<Question, string>();
/** Normalized once per revision of a question (a new revision is a new object). */
function haystack(question: Question) {
  let found = haystacks.get(question);
  if (found === undefined) {
    found = normalizeSearch(
      [question.text, question.publicText, question.authorName ?? ''].join('\n'),
    );
    haystacks.set(question, found);
  }
  return found;
}

/** Ties (same millisecond) are broken by id, so every moderator sees the same order. */
const idOrder = (a: Question, b: Question) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const oldestFirst = (a: Question, b: Question) => a.createdAt - b.createdAt || idOrder(a, b);
const latestChangeFirst = (a: Question, b: Question) =>
  b.statusAt - a.statusAt || b.createdAt - a.createdAt || idOrder(a, b);

/**
 * The board from the store: one queue per column, filtered. Each leader is in exactly
 * one queue; an approved question in "Up next" is there and not under Approved.
 * A leader matches the search when it or one of its merged questions does.
 */
export function buildBoard(
  byId: Readonly<Record<string, AnyQuestion>>,
  upNext: readonly string[],
  filters: BoardFilters,
): Board {
  const query = normalizeSearch(filters.search.trim());
  const clusters = query ? groupClusters(byId) : {};
  const matches = (q: Question) =>
    (filters.status === 'all' || q.status === filters.status) &&
    (filters.reason === 'all' || q.reasons.includes(filters.reason)) &&
    (!query ||
      haystack(q).includes(query) ||
      (clusters[q.id] ?? []).some((m) => isFullQuestion(m) && haystack(m).includes(query)));

  const byStatus = new Map<QuestionStatus, Question[]>();
  for (const question of Object.values(byId)) {
    if (!isFullQuestion(question) || question.status === 'merged') continue;
    const list = byStatus.get(question.status) ?? [];
    list.push(question);
    byStatus.set(question.status, list);
  }
  const all = (status: QuestionStatus) => byStatus.get(status) ?? [];
  const queued = new Set(upNext);
  const held = all('held').sort(oldestFirst);

  const queue = (key: QueueKey, parts: [QueueGroup['id'], Question[]][]): BoardQueue => {
    const groups = parts.map(([id, questions]) => ({ id, questions: questions.filter(matches) }));
    return {
      key,
      groups,
      ids: groups.flatMap((group) => group.questions.map((q) => q.id)),
      total: parts.reduce((sum, [, questions]) => sum + questions.length, 0),
    };
  };

  return {
    incoming: queue('incoming', [['all', all('pending').sort(oldestFirst)]]),
    held: queue('held', [
      ['safeguarding', held.filter(needsEditToApprove)],
      ['held', held.filter((q) => !needsEditToApprove(q))],
    ]),
    // What the stage takes when "Up next" is empty: the most popular first.
    approved: queue('approved', [
      [
        'all',
        all('approved')
          .filter((q) => !queued.has(q.id))
          .sort(byPopularity),
      ],
    ]),
    upNext: queue('upNext', [
      [
        'all',
        upNext
          .map((id) => byId[id])
          .filter((q): q is Question => !!q && isFullQuestion(q) && q.status === 'approved'),
      ],
    ]),
    answered: queue('answered', [
      ['live', all('live')],
      ['answered', all('answered').sort(latestChangeFirst)],
    ]),
    rejected: queue('rejected', [['all', all('rejected').sort(latestChangeFirst)]]),
  };
}

/** The `beforeId` (queue:move) that puts a question right after or right before `neighbour`. */
export const beforeIdNextTo = (full: readonly string[], neighbour: string, after: boolean) =>
  after ? (full[full.indexOf(neighbour) + 1] ?? null) : neighbour;

/**
 * Where `id` must go in the full "Up next" to land one step down or up in the shown
 * (possibly filtered) list; null at either end.
 */
export function reorderTarget(
  shown: readonly string[],
  full: readonly string[],
  id: string,
  step: 1 | -1,
): { beforeId: string | null } | null {
  const at = shown.indexOf(id);
  const neighbour = shown[at + step];
  if (at < 0 || neighbour === undefined) return null;
  return { beforeId: beforeIdNextTo(full, neighbour, step === 1) };
}

/** Arrivals and decisions per minute over the last few minutes, and how many wait. */
export interface Backlog {
  arrivals: number;
  decisions: number;
  waiting: number;
  growing: boolean;
}

export const BACKLOG_WINDOW_MS = 5 * 60_000;

/**
 * Arrivals count every question but the duplicates the server merged on its own
 * (no decision needed); decisions are first decisions (decidedAt). A young event is
 * measured over its age, at least one minute, so the first minutes are not understated.
 */
export function measureBacklog(
  questions: readonly AnyQuestion[],
  now: number,
  eventCreatedAt: number,
): Backlog {
  const span = Math.min(BACKLOG_WINDOW_MS, Math.max(60_000, now - eventCreatedAt));
  const since = now - span;
  let arrived = 0;
  let decided = 0;
  let waiting = 0;
  for (const q of questions) {
    const autoMerged = q.status === 'merged' && q.decidedAt === null;
    if (q.createdAt >= since && !autoMerged) arrived++;
    if (q.decidedAt !== null && q.decidedAt >= since) decided++;
    if (q.status === 'pending' || q.status === 'held') waiting++;
  }
  const perMinute = (count: number) => count / (span / 60_000);
  const arrivals = perMinute(arrived);
  const decisions = perMinute(decided);
  return { arrivals, decisions, waiting, growing: waiting > 0 && arrivals > decisions };
}
