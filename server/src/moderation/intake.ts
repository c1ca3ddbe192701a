import {
  closestDuplicate,
  createFilter,
  ErrorCode,
  fingerprint,
  textLength,
  type Comparable,
  type Fingerprint,
  type FilterReason,
  type FilterResult,
} from '@dais/shared';
import {
  Retry,
  StoreError,
  type Change,
  type EventStore,
  type NewQuestion,
} from '../store/event-store';

/** Compiled filters kept per event; an event's settings change invalidates its entry. */
const MAX_CACHED_FILTERS = 1000;
/** Optimistic attempts before giving up with UNAVAILABLE (each one sees more settled bands). */
const MAX_ATTEMPTS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The path of a new question before it is stored: filter with the event's settings,
 * then look for a near-duplicate among the cluster leaders that share an LSH band.
 * Both run here, in the server process; Redis only checks, atomically, that nothing
 * it relied on changed meanwhile (settings revision, band sizes, leader still open),
 * and the step is repeated when something did.
 */
export function createIntake(store: EventStore) {
  const filters = new Map<
    string,
    {
      rev: string;
      filter: (input: string) => FilterResult;
      /** The intake controls at `rev`; submit-question refuses a stale rev, so they are current. */
      open: boolean;
      preModeration: boolean;
    }
  >();

  async function filterFor(code: string, fresh = false) {
    const cached = filters.get(code);
    if (cached && !fresh) return cached;
    const event = await store.mustGetEvent(code);
    const compiled = {
      rev: event.configRev,
      filter: createFilter({ ...event.settings, maxLength: event.maxQuestionLength }),
      open: event.open && event.endedAt === null,
      preModeration: event.preModeration,
    };
    filters.delete(code);
    filters.set(code, compiled);
    if (filters.size > MAX_CACHED_FILTERS) filters.delete(filters.keys().next().value ?? '');
    return compiled;
  }

  async function submit(
    code: string,
    asker: { text: string; authorId: string; authorName: string | null },
    now: number,
  ): Promise<{ change: Change; leader?: Change }> {
    let fresh = false;
    const closedLeaders = new Set<string>();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // Many similar questions in flight keep touching the same bands: spread the retries.
      if (attempt > 2) await sleep(Math.random() * attempt);
      let settings = await filterFor(code, fresh);
      fresh = false;
      // Closed is said before filtering, once read afresh (another server may have reopened
      // it); submit-question checks it atomically either way.
      if (!settings.open) settings = await filterFor(code, true);
      if (!settings.open) {
        throw new StoreError(ErrorCode.QuestionsClosed, 'The event does not take questions now');
      }
      const { rev, filter } = settings;
      const result = filter(asker.text);
      if (result.verdict === 'reject') {
        throw new StoreError(ErrorCode.Rejected, describe(result.reasons), {
          reasons: result.reasons,
        });
      }
      const print = fingerprint(result.text);
      const dedup = result.verdict === 'pass';
      const found = dedup
        ? await store.findCandidates(code, print.bands)
        : { bandSizes: [], candidates: [] };
      const open = found.candidates
        .filter((c) => !closedLeaders.has(c.leaderId))
        .map((c) => ({ ...c, print: JSON.parse(c.fingerprint) as Comparable }));
      const leaderId = dedup ? (closestDuplicate(print, open)?.leaderId ?? null) : null;
      try {
        const change = await store.submitQuestion(
          code,
          {
            ...asker,
            text: result.text,
            publicText: result.redacted,
            length: textLength(result.text),
            status: firstStatus(result.verdict, leaderId, settings.preModeration),
            reasons: result.reasons,
            configRev: rev,
            leaderId,
            fingerprint: indexEntry(print).fingerprint,
            bands: dedup ? print.bands : [],
            bandSizes: found.bandSizes,
          },
          now,
        );
        if (!leaderId) return { change };
        const leader = await store.mustGetQuestion(code, leaderId);
        return {
          change,
          leader: { logId: change.logId, question: leader, previous: leader.status },
        };
      } catch (error) {
        if (!(error instanceof Retry)) throw error;
        if (error.why === 'STALE_CONFIG') fresh = true;
        if (error.why === 'LEADER_CLOSED' && leaderId) closedLeaders.add(leaderId);
      }
    }
    throw new StoreError(ErrorCode.Unavailable, 'Too many similar questions at once; please retry');
  }

  /**
   * A moderator's text for the public (an edit, or an approval with an edit), filtered
   * again with the event's settings: refused while it still holds personal data or
   * safeguarding concerns, or has no words. Returns the cleaned text.
   */
  async function moderatorText(code: string, text: string): Promise<string> {
    const { filter } = await filterFor(code);
    const result = filter(text);
    const unsafe = result.reasons.filter((r) => r === 'personal-data' || r === 'safeguarding');
    if (unsafe.length > 0) {
      throw new StoreError(
        ErrorCode.Conflict,
        `The edited text still has ${unsafe.join(' and ')}`,
        {
          reasons: unsafe,
        },
      );
    }
    if (result.reasons.includes('empty') || result.reasons.includes('emoji-only')) {
      throw new StoreError(ErrorCode.Rejected, 'The edited text is empty', {
        reasons: result.reasons,
      });
    }
    return result.text;
  }

  return { submit, filterFor, moderatorText, forget: (code: string) => filters.delete(code) };
}
export type Intake = ReturnType<typeof createIntake>;

const REASON_TEXT: Record<FilterReason, string> = {
  profanity: 'it contains profanity',
  'blocked-term': 'it contains a term this event does not allow',
  'personal-data': 'it contains personal data',
  safeguarding: 'it needs a moderator',
  link: 'links are not allowed',
  spam: 'it looks like spam',
  'too-long': 'it is too long',
  empty: 'it is empty',
  'emoji-only': 'it has no words',
};

/**
 * A question's entry in the duplicate index: its stored fingerprint (tokens are all a
 * comparison needs; bands, to index it again after a split) and its LSH bands.
 */
export function indexEntry(source: string | Fingerprint) {
  const { tokens, bands } = typeof source === 'string' ? fingerprint(source) : source;
  return { fingerprint: JSON.stringify({ tokens, bands }), bands };
}

/**
 * Where a new question starts: held for the moderators when the filter doubts it,
 * inside the cluster of its near-duplicate, or leading its own cluster, waiting for a
 * moderator unless pre-moderation is off.
 */
function firstStatus(
  verdict: FilterResult['verdict'],
  leaderId: string | null,
  preModeration: boolean,
): NewQuestion['status'] {
  if (verdict === 'hold') return 'held';
  if (leaderId) return 'merged';
  return preModeration ? 'pending' : 'approved';
}

/** The asker's explanation of a rejection. */
const describe = (reasons: FilterReason[]) =>
  `Your question was not accepted: ${reasons.map((r) => REASON_TEXT[r]).join('; ')}.`;
