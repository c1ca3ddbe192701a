import type { RedisClient } from '../redis/client';
import type { Question, QuestionStatus } from '@dais/shared';
import type { EventStore } from './event-store';
import { eventKeys } from './keys';

/** Ids read per ZRANGE page, and questions read per batch. */
const ID_PAGE = 5_000;
const QUESTION_BATCH = 500;

/**
 * Whole-event reads for exports, the summary and retention: an event may hold tens
 * of thousands of questions, so they are read in bounded batches, never with one
 * giant command, and handed on as they come.
 */
export function createExportStore(redis: RedisClient, store: EventStore) {
  /** Ids of the questions in these statuses, oldest first. */
  async function idsIn(code: string, statuses: readonly QuestionStatus[]): Promise<string[]> {
    const keys = eventKeys(code);
    const byId = new Map<string, number>();
    for (const status of statuses) {
      for (let start = 0; ; start += ID_PAGE) {
        const page = await redis.zrange(
          keys.status(status),
          start,
          start + ID_PAGE - 1,
          'WITHSCORES',
        );
        // A question that changed status between two reads is listed once.
        for (let i = 0; i + 1 < page.length; i += 2) byId.set(page[i]!, Number(page[i + 1]));
        if (page.length < 2 * ID_PAGE) break;
      }
    }
    return [...byId].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)).map(([id]) => id);
  }

  /**
   * Every question in these statuses, oldest first, in batches. A question is
   * yielded in the status it has when its batch is read, and only if that status is
   * one asked for (it may have moved since the ids were listed).
   */
  async function* questions(
    code: string,
    statuses: readonly QuestionStatus[],
    batchSize = QUESTION_BATCH,
  ): AsyncGenerator<Question[]> {
    const ids = await idsIn(code, statuses);
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = await store.readQuestions(code, ids.slice(i, i + batchSize));
      yield batch.filter((q) => statuses.includes(q.status));
    }
  }

  return { questions };
}
export type ExportStore = ReturnType<typeof createExportStore>;
