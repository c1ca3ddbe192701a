import {
  createFilter,
  ErrorCode,
  fingerprint,
  textLength,
  type Fingerprint,
  type FilterReason,
  type FilterResult,
} from '@dais/shared';
import { Retry, StoreError, type EventStore, type NewQuestion } from '../store/event-store';

/** Compiled filters kept per event; an event's settings change invalidates its entry. */
const MAX_CACHED_FILTERS = 1000;
/**
 * Attempts while the settings change under us (STALE_CONFIG: a moderator reconfigured,
 * maybe on another server process); each one reads them afresh.
 */
const MAX_ATTEMPTS = 5;

/**
 * The path of a new question: filter it here, in the server process, with the event's
 * settings as this process last read them (refreshed when the settings revision
 * changes, on any process); then one script call stores it, deciding atomically
 * whether it is a near-duplicate of a cluster leader (see submit-question.lua).
 */
export function createIntake(store: EventStore) {
  /** Per event, its settings compiled at one revision (a promise: concurrent readers share one read). */
  const filters = new Map<
    string,
    Promise<{
      rev: string;
      filter: (input: string) => FilterResult;
      /** The intake controls at `rev`; submit-question refuses a stale rev, so they are current. */
      open: boolean;
      preModeration: boolean;
    }>
  >();

  function filterFor(code: string, fresh = false) {
    const cached = filters.get(code);
    if (cached && !fresh) return cached;
    const compiled = store.mustGetEvent(code).then((event) => ({
      rev: event.configRev,
      filter: createFilter({ ...event.settings, maxLength: event.maxQuestionLength }),
      open: event.open && event.endedAt === null,
      preModeration: event.preModeration,
    }));
    filters.delete(code);
    filters.set(code, compiled);
    if (filters.size > MAX_CACHED_FILTERS) filters.delete(filters.keys().next().value ?? '');
    // A failed read is not kept: the next question reads again.
    compiled.catch(() => filters.get(code) === compiled && filters.delete(code));
    return compiled;
  }

  async function submit(
    code: string,
    asker: Pick<NewQuestion, 'text' | 'authorId' | 'authorName' | 'requestId'>,
    now: number,
  ) {
    let fresh = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let settings = await filterFor(code, fresh);
      // Closed is said before filtering, once read afresh (another server may have reopened
      // it); submit-question checks it atomically either way.
      if (!settings.open && !fresh) settings = await filterFor(code, true);
      if (!settings.open) {
        throw new StoreError(ErrorCode.QuestionsClosed, 'The event does not take questions now');
      }
      const result = settings.filter(asker.text);
      if (result.verdict === 'reject') {
        throw new StoreError(ErrorCode.Rejected, describe(result.reasons), {
          reasons: result.reasons,
        });
      }
      const entry = indexEntry(result.text);
      try {
        return await store.submitQuestion(
          code,
          {
            ...asker,
            text: result.text,
            publicText: result.redacted,
            length: textLength(result.text),
            status: firstStatus(result.verdict, settings.preModeration),
            reasons: result.reasons,
            configRev: settings.rev,
            fingerprint: entry.fingerprint,
            bands: result.verdict === 'pass' ? entry.bands : [],
          },
          now,
        );
      } catch (error) {
        if (!(error instanceof Retry && error.why === 'STALE_CONFIG')) throw error;
        fresh = true;
      }
    }
    throw new StoreError(ErrorCode.Unavailable, 'The event settings keep changing; please retry');
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
 * Where a new question starts: held for the moderators when the filter doubts it, or
 * leading its own cluster, waiting for a moderator unless pre-moderation is off (the
 * store puts it inside its near-duplicate's cluster instead, when it has one).
 */
function firstStatus(
  verdict: FilterResult['verdict'],
  preModeration: boolean,
): NewQuestion['status'] {
  if (verdict === 'hold') return 'held';
  return preModeration ? 'pending' : 'approved';
}

/** The asker's explanation of a rejection. */
const describe = (reasons: FilterReason[]) =>
  `Your question was not accepted: ${reasons.map((r) => REASON_TEXT[r]).join('; ')}.`;
