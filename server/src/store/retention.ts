import type { RedisClient } from '../redis/client';
import {
  ErrorCode,
  purgeDueAt,
  purgedText,
  PURGED_TEXT,
  QUESTION_STATUSES,
  type EventInfo,
  type Question,
} from '@dais/shared';
import { indexEntry } from '../moderation/intake';
import { run, StoreError, type Actor, type Change, type EventStore } from './event-store';
import type { ExportStore } from './export-store';
import { eventKeys, RETENTION_KEY } from './keys';

/** Questions per purge script (their keys are the script's KEYS). */
const PURGE_BATCH = 200;
/** Passes over questions that changed while being purged, before giving up. */
const PURGE_ATTEMPTS = 5;
/** Due events handled per sweep; the rest wait for the next one. */
const SWEEP_LIMIT = 100;
/** Who the log names for the sweeper's purges (clients name it in their language). */
const RETENTION_ACTOR: Actor = { id: 'retention', name: '' };

/**
 * Retention: once an event has ended and its retentionDays have passed, the raw text
 * of held and redacted questions is purged (see purgedText in shared). Moderators
 * may also purge at once. Due times live in the global sorted set RETENTION_KEY,
 * written whenever an ended event's settings are saved.
 */
export function createRetention(redis: RedisClient, store: EventStore, exports: ExportStore) {
  /**
   * Purges an event now. Returns the changed questions (to publish) and the id of the
   * last log entry; the event is marked purgedAt and each batch is logged as
   * 'event.purge' even when nothing needed purging, so the audit log shows that it ran.
   */
  async function purge(code: string, actor: Actor, now: number) {
    let due: Question[] = [];
    for await (const batch of exports.questions(code, QUESTION_STATUSES)) {
      due.push(...batch.filter((q) => purgedText(q) !== null));
    }
    const changes: Change[] = [];
    let logId = due.length === 0 ? (await purgeBatch(code, [], actor, now)).logId : '';
    for (let attempt = 1; due.length > 0; attempt++) {
      if (attempt > PURGE_ATTEMPTS) {
        throw new StoreError(ErrorCode.Unavailable, 'Questions kept changing; purge again');
      }
      const stale: string[] = [];
      for (let i = 0; i < due.length; i += PURGE_BATCH) {
        const result = await purgeBatch(code, due.slice(i, i + PURGE_BATCH), actor, now);
        logId = result.logId;
        stale.push(...result.stale);
        for (const question of await store.readQuestions(code, result.purged)) {
          changes.push({ logId: result.logId, question, previous: question.status });
        }
      }
      // Someone changed these meanwhile: decide again on what they are now.
      due = (await store.readQuestions(code, stale)).filter((q) => purgedText(q) !== null);
    }
    return { logId, changes };
  }

  async function purgeBatch(code: string, questions: Question[], actor: Actor, now: number) {
    const keys = eventKeys(code);
    const args: (string | number)[] = [];
    for (const q of questions) {
      const kept = purgedText(q)!;
      // Near-duplicate matching compares the text that is kept; the marker has none.
      const print = kept.text === PURGED_TEXT ? '' : indexEntry(kept.text).fingerprint;
      args.push(q.id, q.rev, kept.text, kept.publicText, print);
    }
    const scriptKeys = [
      keys.meta,
      keys.log,
      keys.fingerprints,
      ...questions.map((q) => keys.question(q.id)),
    ];
    const [logId, purged, stale] = await run(() =>
      redis.purgeQuestions(scriptKeys.length, ...scriptKeys, now, actor.id, actor.name, ...args),
    );
    return { logId, purged, stale };
  }

  /**
   * Records when an event's raw texts are due for purging, once it has ended (again
   * on every later settings change, so a new retentionDays moves the date).
   */
  async function schedule(event: Pick<EventInfo, 'code' | 'endedAt' | 'retentionDays'>) {
    const due = purgeDueAt(event);
    if (due !== null) await redis.zadd(RETENTION_KEY, due, event.code);
  }

  /**
   * Purges every event whose retention has run out by `now`. The due time is read
   * again from the event itself, so a date that moved is rescheduled, not purged early.
   * An event that fails stays scheduled for the next sweep; the others go on.
   */
  async function sweep(now: number) {
    const codes = await redis.zrangebyscore(RETENTION_KEY, '-inf', now, 'LIMIT', 0, SWEEP_LIMIT);
    const purged: ({ code: string } & Awaited<ReturnType<typeof purge>>)[] = [];
    const failed: { code: string; error: unknown }[] = [];
    for (const code of codes) {
      try {
        const event = await store.getEvent(code);
        const due = event ? purgeDueAt(event) : null;
        if (due !== null && due > now) {
          await redis.zadd(RETENTION_KEY, due, code);
          continue;
        }
        if (due !== null) purged.push({ code, ...(await purge(code, RETENTION_ACTOR, now)) });
        await redis.zrem(RETENTION_KEY, code);
      } catch (error) {
        failed.push({ code, error });
      }
    }
    return { purged, failed };
  }

  return { purge, schedule, sweep };
}
export type Retention = ReturnType<typeof createRetention>;
