import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '@dais/server';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { startServerOn } from '../harness/dais';
import { connectTo, startDaisProcess, workerPids } from '../harness/processes';
import { startRedisCluster, type TestCluster } from '../harness/redis-cluster';

/**
 * The store on a 3-master Redis Cluster through ioredis' Cluster client, and the
 * sharded Socket.IO adapter between two apps. Redis 7 refuses a script or
 * transaction whose keys hash to different slots, so running every kind of write
 * here checks that each touches its event's slot only.
 */
let cluster: TestCluster;
const servers: Awaited<ReturnType<typeof startServerOn>>[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  for (let i = 0; i < 2; i++) {
    servers.push(
      await startServerOn(connectRedis({ cluster: cluster.nodes }, { maxRetriesPerRequest: 1 })),
    );
  }
});
afterAll(async () => {
  disconnectAll();
  for (const server of servers) await server.close();
  await cluster?.stop();
});
afterEach(disconnectAll);

const tag = (code: string) => `dais:{ev:${code}}`;

/** Every dais:* key of the cluster, with the port of the master that holds it. */
async function keysByMaster(): Promise<Map<string, number>> {
  const where = new Map<string, number>();
  for (const node of cluster.client.nodes('master')) {
    for (const key of await node.keys('dais:*')) where.set(key, node.options.port!);
  }
  return where;
}

describe('Dais on a Redis Cluster', () => {
  it('runs an event end to end on each of two masters, with the moderator and the stage on different apps', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    // New events until two of them live on different masters.
    const byMaster = new Map<number, CreatedEventWithKeys>();
    for (let i = 0; i < 40 && byMaster.size < 2; i++) {
      const event = await createEvent(i % 2 ? b.url : a.url);
      const master = await cluster.masterOf(`${tag(event.code)}:meta`);
      if (!byMaster.has(master)) byMaster.set(master, event);
    }
    expect(byMaster.size).toBe(2);

    for (const [master, event] of byMaster) {
      await runEvent(event, a.url, b.url);
      // Every key of the event sits on the master of its hash tag.
      const keys = [...(await keysByMaster())].filter(([key]) => key.startsWith(tag(event.code)));
      expect(keys.length).toBeGreaterThan(10);
      expect(new Set(keys.map(([, port]) => port))).toEqual(new Set([master]));
    }
    // Besides the global keys (each written by a command of its own; the heartbeats by
    // one script in their own slot), every key carries an event's hash tag, so it
    // lives in that event's slot.
    const all = [...(await keysByMaster()).keys()];
    const global = new Set([
      'dais:secret',
      'dais:retention',
      'dais:{peers}:deadlines',
      'dais:{peers}:beats',
    ]);
    for (const key of global) expect(all).toContain(key);
    expect(all.filter((key) => !global.has(key) && !/^dais:\{ev:\w+\}:/.test(key))).toEqual([]);
  });

  it('serves REDIS_CLUSTER from pnpm start with two workers', async () => {
    const dais = startDaisProcess(
      { REDIS_CLUSTER: cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',') },
      ['--workers', '2'],
    );
    try {
      const url = await dais.url();
      expect((await dais.printed(/Redis: (.*)/))[1]).toBe('REDIS_CLUSTER (3 startup nodes)');
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, redis: 'up' });
      const [one, two] = workerPids(dais.child.pid!) as [number, number];
      const event = await createEvent(url);
      const moderator = await connectTo(url, [one, two], one);
      await expectOk(moderator, 'event:join', {
        code: event.code,
        role: 'moderator',
        key: event.moderatorKey,
      });
      const asker = await connectTo(url, [one, two], two);
      await expectOk(asker, 'event:join', { code: event.code, role: 'audience' });
      const heard = next(moderator, 'question:changed', (c) => c.change === 'submitted');
      const { question } = await expectOk(asker, 'question:submit', {
        text: 'Can students apply for the exchange from abroad?',
      });
      expect((await heard).question).toMatchObject({ id: question.id, status: 'pending' });
    } finally {
      disconnectAll();
      expect(await dais.stop()).toBe(0);
    }
  });
});

/**
 * Create (done), submit with a near-duplicate, approve, vote, merge, pin, "Up next",
 * the stage's next and answer, settings (the event ends), the summary and the export.
 */
async function runEvent(event: CreatedEventWithKeys, moderatorUrl: string, stageUrl: string) {
  const { code } = event;
  const moderator = (
    await join(moderatorUrl, { code, role: 'moderator', key: event.moderatorKey, name: 'Mei' })
  ).socket;
  const stage = (await join(stageUrl, { code, role: 'stage', key: event.stageKey })).socket;
  const [first, second, third] = await Promise.all([
    join(moderatorUrl, { code, role: 'audience' }),
    join(stageUrl, { code, role: 'audience' }),
    join(stageUrl, { code, role: 'audience' }),
  ]).then((joined) => joined.map((j) => j.socket));

  const ask = async (socket: typeof first, text: string) =>
    (await expectOk(socket!, 'question:submit', { text })).question;
  const bullying = await ask(first, 'How can children report online bullying?');
  const paraphrase = await ask(second, 'how can children report online bullying');
  expect(paraphrase).toMatchObject({ status: 'merged', clusterId: bullying.id });
  const visas = await ask(third, 'When will student visas get cheaper?');
  const related = await ask(third, 'Who protects pupils that speak up about cyberbullying?');

  const stageHearsApproval = next(stage, 'question:changed', (c) => c.change === 'approved');
  for (const q of [bullying, visas]) {
    await expectOk(moderator, 'question:approve', { questionId: q.id });
  }
  expect((await stageHearsApproval).question).toMatchObject({ id: bullying.id });

  const counted = next(moderator, 'votes:changed', (v) =>
    v.updates.some((u) => u.id === bullying.id && u.votes === 2),
  );
  await expectOk(second!, 'question:vote', { questionId: paraphrase.id, up: true });
  await expectOk(third!, 'question:vote', { questionId: bullying.id, up: true });
  await counted;

  const merged = await expectOk(moderator, 'question:merge', {
    questionId: related.id,
    intoId: bullying.id,
  });
  expect(merged.question).toMatchObject({ id: bullying.id, askedBy: 3, votes: 2 });
  await expectOk(moderator, 'question:pin', { questionId: bullying.id, on: true });

  const stageHearsQueue = next(stage, 'queue:changed', (q) => q.queue[0] === visas.id);
  await expectOk(moderator, 'queue:move', { questionId: visas.id, beforeId: null });
  await stageHearsQueue;
  const step = await expectOk(stage, 'stage:next', {});
  expect(step.live).toMatchObject({ id: visas.id, status: 'live' });
  const answered = next(moderator, 'question:changed', (c) => c.change === 'answered');
  await expectOk(stage, 'question:answer', { questionId: visas.id });
  expect((await answered).question).toMatchObject({ id: visas.id, status: 'answered' });

  // Ending schedules the retention purge in the global dais:retention set.
  const ended = await expectOk(moderator, 'event:configure', { ended: true });
  expect(ended.event.endedAt).not.toBeNull();
  const summary = await expectOk(moderator, 'event:summary', {});
  expect(summary.byStatus).toMatchObject({ answered: 1, merged: 2 });
  expect(summary.answered.map((q) => q.id)).toEqual([visas.id]);

  const response = await fetch(`${stageUrl}/api/events/${code}/export?format=json&scope=all`, {
    headers: { authorization: `Bearer ${event.moderatorKey}` },
  });
  expect(response.status).toBe(200);
  const rows = (await response.json()) as Record<string, unknown>[];
  const row = (id: string) => rows.find((r) => r.id === id);
  expect(row(bullying.id)).toMatchObject({ status: 'approved', askedBy: 3, votes: 2 });
  expect(row(visas.id)).toMatchObject({ status: 'answered' });
  expect(row(paraphrase.id)).toMatchObject({ status: 'merged', clusterId: bullying.id });
}
