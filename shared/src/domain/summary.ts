import type { EventInfo } from './event';
import { QUESTION_STATUSES, type Question, type QuestionStatus } from './question';

const MINUTE_MS = 60_000;
/** The per-minute chart covers at most the last day before the newest question. */
export const SUMMARY_MAX_MINUTES = 24 * 60;
/** How many of the biggest clusters the summary names. */
export const SUMMARY_TOP_CLUSTERS = 10;

/** The shape of `SummarySchema` (protocol/events.ts), built without importing the protocol. */
export interface EventSummary {
  event: EventInfo;
  /** `minute`: the start of the minute (epoch ms); every minute from the first question to the last. */
  perMinute: { minute: number; questions: number }[];
  byStatus: Record<QuestionStatus, number>;
  byReason: Record<string, number>;
  topClusters: Question[];
  answered: Question[];
}

/** Biggest cluster first: more askers, then more votes, then older. */
const byClusterSize = (a: Question, b: Question) =>
  b.askedBy - a.askedBy || b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/**
 * Builds an event's summary from its questions fed one at a time, so a large event
 * can be read in batches: only the counts, the top clusters and the answered list
 * are kept.
 *
 * - perMinute: questions by the minute they were asked (createdAt), empty minutes
 *   included, from the first question to the last (the last 24 hours of it at most).
 * - byStatus: every status, zero included. byReason: the filter reasons that occur.
 * - topClusters: cluster leaders (not merged questions) by askedBy, then votes.
 * - answered: answered questions in the order they were answered (statusAt).
 */
export function summaryBuilder(event: EventInfo) {
  const minutes = new Map<number, number>();
  const byStatus = Object.fromEntries(QUESTION_STATUSES.map((s) => [s, 0])) as Record<
    QuestionStatus,
    number
  >;
  const byReason: Record<string, number> = {};
  let topClusters: Question[] = [];
  const answered: Question[] = [];

  function add(q: Question) {
    const minute = Math.floor(q.createdAt / MINUTE_MS) * MINUTE_MS;
    minutes.set(minute, (minutes.get(minute) ?? 0) + 1);
    byStatus[q.status] += 1;
    for (const reason of q.reasons) byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (q.status === 'answered') answered.push(q);
    if (q.status !== 'merged' && q.clusterId === q.id) {
      topClusters.push(q);
      // Sorting a dozen entries per question keeps memory flat however many there are.
      if (topClusters.length > SUMMARY_TOP_CLUSTERS) {
        topClusters = topClusters.sort(byClusterSize).slice(0, SUMMARY_TOP_CLUSTERS);
      }
    }
  }

  function result(): EventSummary {
    return {
      event,
      perMinute: perMinute(minutes),
      byStatus: { ...byStatus },
      byReason: { ...byReason },
      topClusters: [...topClusters].sort(byClusterSize),
      answered: [...answered].sort((a, b) => a.statusAt - b.statusAt || (a.id < b.id ? -1 : 1)),
    };
  }

  return { add, result };
}

/** The whole summary of a list of questions at once. */
export function summarize(event: EventInfo, questions: Iterable<Question>): EventSummary {
  const builder = summaryBuilder(event);
  for (const q of questions) builder.add(q);
  return builder.result();
}

function perMinute(minutes: ReadonlyMap<number, number>): EventSummary['perMinute'] {
  if (minutes.size === 0) return [];
  let [earliest, last] = [Infinity, -Infinity];
  for (const minute of minutes.keys()) {
    earliest = Math.min(earliest, minute);
    last = Math.max(last, minute);
  }
  const first = Math.max(earliest, last - (SUMMARY_MAX_MINUTES - 1) * MINUTE_MS);
  const series: EventSummary['perMinute'] = [];
  for (let minute = first; minute <= last; minute += MINUTE_MS) {
    series.push({ minute, questions: minutes.get(minute) ?? 0 });
  }
  return series;
}
