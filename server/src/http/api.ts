import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import { z } from 'zod';
import { CreateEventSchema, ErrorCode, type CreatedEvent } from '@dais/shared';
import type { RedisClient } from '../redis/client';
import type { EventStore } from '../store/event-store';
import type { ExportStore } from '../store/export-store';
import { exportRouter } from './export';

export interface ApiDeps {
  store: EventStore;
  exports: ExportStore;
  redis: RedisClient;
  now: () => number;
  /** Base of the links we hand out; by default the address the request came to. */
  publicUrl?: string;
}

/** The JSON API under /api. */
export function apiRouter({ store, exports, redis, now, publicUrl }: ApiDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.post('/events', async (req, res) => {
    const body = CreateEventSchema.safeParse(req.body);
    if (!body.success) {
      res
        .status(400)
        .json({ error: ErrorCode.InvalidPayload, message: z.prettifyError(body.error) });
      return;
    }
    const { code, title, moderatorKey, stageKey } = await store.createEvent(body.data.title, now());
    const base = `${publicUrl ?? origin(req)}/e/${code}`;
    const created: CreatedEvent = {
      code,
      title,
      audienceUrl: base,
      // Keys travel in the fragment: browsers never send it to a server or a log.
      moderatorUrl: `${base}/moderate#${moderatorKey}`,
      stageUrl: `${base}/stage#${stageKey}`,
    };
    res.status(201).json(created);
  });

  router.get('/health', async (_req, res) => {
    const up = redis.status === 'ready' && (await ping(redis));
    res.status(up ? 200 : 503).json({ ok: up, redis: up ? 'up' : 'down' });
  });

  router.use(exportRouter({ store, exports }));

  router.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'No such API route' });
  });

  const onError: ErrorRequestHandler = (
    error: { status?: number; type?: string },
    _req,
    res,
    _next,
  ) => {
    const badBody = error.status === 400 || error.type === 'entity.too.large';
    res
      .status(badBody ? 400 : 500)
      .json(
        badBody
          ? { error: ErrorCode.InvalidPayload, message: 'The body must be JSON of at most 16 KB' }
          : { error: ErrorCode.Internal, message: 'Something went wrong on the server' },
      );
  };
  router.use(onError);
  return router;
}

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

async function ping(redis: RedisClient): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1000).unref());
  return Promise.race([
    redis.ping().then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}
