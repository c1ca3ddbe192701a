import { QUESTION_STATUSES, summaryBuilder } from '@dais/shared';
import { toInfo, type EventStore } from '../store/event-store';
import type { ExportStore } from '../store/export-store';
import type { Logger } from '../logger';
import type { Retention } from '../store/retention';
import { joined, type Router } from './handle';
import { publishChange, publishEvent } from './rooms';
import type { DaisServer } from './types';

/** What these handlers need of the gateway's dependencies. */
export interface SummaryDeps {
  store: EventStore;
  exports: ExportStore;
  retention: Retention;
  logger: Logger;
  now: () => number;
}

/** The moderators' summary of an event, and purging its raw texts now. */
export function registerSummary(io: DaisServer, router: Router, deps: SummaryDeps) {
  const { store, exports, retention, now } = deps;

  router.on('event:summary', async (socket) => {
    const { code } = joined(socket);
    const summary = summaryBuilder(toInfo(await store.mustGetEvent(code)));
    for await (const batch of exports.questions(code, QUESTION_STATUSES)) {
      for (const question of batch) summary.add(question);
    }
    return summary.result();
  });

  router.on('event:purge', async (socket) => {
    const { code, actor } = joined(socket);
    const purge = await retention.purge(code, actor, now());
    await publishPurged(io, store, code, purge);
    return { purged: purge.changes.length };
  });
}

/**
 * Each purged question reaches whoever may see it as question:changed 'purged' with
 * its new rev: moderators and the asker get the kept text, the public (for public
 * questions) the same public text as before. Then everyone hears the event's new
 * purgedAt.
 */
async function publishPurged(
  io: DaisServer,
  store: EventStore,
  code: string,
  { logId, changes }: Awaited<ReturnType<Retention['purge']>>,
) {
  for (const change of changes) publishChange(io, code, 'purged', change);
  publishEvent(io, logId, await store.mustGetEvent(code));
}

/**
 * Checks every `intervalMs` (and once at start) for ended events whose retention has
 * run out, and purges them. The timer never keeps the process alive; `stop` clears it
 * and waits for a sweep in progress.
 */
export function startRetentionSweeper(
  io: DaisServer,
  deps: Pick<SummaryDeps, 'store' | 'retention' | 'logger' | 'now'>,
  options: { intervalMs: number; onSweep?: (purged: string[]) => void },
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function sweep() {
    try {
      const { purged, failed } = await deps.retention.sweep(deps.now());
      for (const { code, ...purge } of purged) {
        await publishPurged(io, deps.store, code, purge);
        deps.logger.info(`retention: purged ${purge.changes.length} questions of event ${code}`);
      }
      for (const { code, error } of failed) {
        deps.logger.error(`retention: purging event ${code} failed; next sweep retries`, error);
      }
      options.onSweep?.(purged.map((p) => p.code));
    } catch (error) {
      deps.logger.error('retention: sweep failed', error);
    }
  }

  function tick() {
    running = sweep().finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs).unref();
    });
  }
  tick();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
