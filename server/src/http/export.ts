import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import express, { type Router } from 'express';
import { z } from 'zod';
import {
  ErrorCode,
  EventCodeSchema,
  ExportQuerySchema,
  PUBLIC_STATUSES,
  QUESTION_STATUSES,
  type Question,
} from '@dais/shared';
import { keyMatches } from '../security/secrets';
import type { EventStore } from '../store/event-store';
import type { ExportStore } from '../store/export-store';

/** Every export has these columns, in this order; `reasons` only with the moderator key. */
const COLUMNS = [
  'id',
  'status',
  'text',
  'askedBy',
  'votes',
  'clusterId',
  'authorName',
  'createdAt',
  'statusAt',
  'answeredAt',
] as const;
const MODERATOR_COLUMNS = [...COLUMNS, 'reasons'] as const;

type Row = Record<(typeof COLUMNS)[number], string | number | null> & { reasons?: string[] };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * `GET /api/events/:code/export`: the questions of an event as CSV or JSON.
 * Without a key, what the public sees (approved, live and answered questions, their
 * public text); with the moderator key in `Authorization: Bearer <key>` (never in the
 * URL), every question and its filter reasons, redacted unless `personal=raw`.
 * Questions are read and written in batches, so a large event streams.
 */
export function exportRouter({ store, exports }: { store: EventStore; exports: ExportStore }) {
  const router: Router = express.Router();

  router.get('/events/:code/export', async (req, res) => {
    const query = ExportQuerySchema.safeParse(req.query);
    if (!query.success) {
      res
        .status(400)
        .json({ error: ErrorCode.InvalidPayload, message: z.prettifyError(query.error) });
      return;
    }
    const { format, scope, personal } = query.data;
    const code = EventCodeSchema.safeParse(req.params.code);
    const event = code.success ? await store.getEvent(code.data) : null;
    if (!event) {
      res
        .status(404)
        .json({ error: ErrorCode.EventNotFound, message: `No event with code ${req.params.code}` });
      return;
    }

    const authorization = req.get('authorization');
    const key = authorization === undefined ? null : /^Bearer (\S+)$/i.exec(authorization)?.[1];
    const moderator = key !== null;
    if (moderator && !(key && keyMatches(key, event.moderatorKeyHash))) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: ErrorCode.BadKey, message: 'Wrong moderator key' });
      return;
    }
    if (personal === 'raw' && !moderator) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: ErrorCode.BadKey, message: 'personal=raw needs the moderator key' });
      return;
    }

    const statuses =
      scope === 'answered'
        ? (['answered'] as const)
        : moderator
          ? QUESTION_STATUSES
          : PUBLIC_STATUSES;
    const toRow = (q: Question): Row => ({
      id: q.id,
      status: q.status,
      text: personal === 'raw' ? q.text : q.publicText,
      askedBy: q.askedBy,
      votes: q.votes,
      clusterId: q.clusterId,
      authorName: q.authorName,
      createdAt: iso(q.createdAt),
      statusAt: iso(q.statusAt),
      answeredAt: q.status === 'answered' ? iso(q.statusAt) : null,
      ...(moderator && { reasons: q.reasons }),
    });

    // The first batch is read before anything is sent: a failure there is still a clean 500.
    const batches = exports.questions(event.code, statuses);
    const first = await batches.next();
    async function* rows() {
      if (first.done) return;
      for (const q of first.value) yield toRow(q);
      for await (const batch of batches) for (const q of batch) yield toRow(q);
    }

    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .attachment(`dais-${event.code}-${scope}.${format}`)
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    const columns = moderator ? MODERATOR_COLUMNS : COLUMNS;
    try {
      if (format === 'csv') {
        // RFC 4180 quoting; a BOM so that Excel reads the UTF-8 (Chinese) correctly.
        const csv = stringify({
          bom: true,
          header: true,
          columns: [...columns],
          cast: { object: (value) => (Array.isArray(value) ? value.join(';') : String(value)) },
        });
        await pipeline(Readable.from(rows()), csv, res);
      } else {
        await pipeline(Readable.from(json(rows())), res);
      }
    } catch (error) {
      // The client went away, or Redis failed mid-stream: the response is already cut off.
      if (!res.headersSent) throw error;
    }
  });

  return router;
}

/** A JSON array written as its items arrive. */
async function* json(items: AsyncIterable<unknown>) {
  let separator = '[\n';
  for await (const item of items) {
    yield separator + JSON.stringify(item);
    separator = ',\n';
  }
  yield separator === '[\n' ? '[]\n' : '\n]\n';
}
