import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScripts, PEER_KEYS } from '@dais/server';
import type { JoinPayload } from '@dais/shared';
import { createEvent, type CreatedEventWithKeys } from '../harness/clients';
import { startRedis, startServer, type TestRedis, type TestServer } from '../harness/dais';
import {
  eventually,
  faultClient,
  freshQuestions,
  sleep,
  type FaultClient,
  diedBeforePublishing,
  sortedById,
} from '../harness/faults';

/**
 * A server process killed after Redis stored a change and before it published it: the
 * change is stored, but the other processes' sockets never hear of it. The processes
 * beat in Redis; when one stops, the others ask their sockets in the events that
 * changed since to join again (server/src/realtime/peers.ts).
 *
 * The dead process is played here by its footprint in Redis: it beat once, then
 * stored changes through the same store and intake a server uses, and published nothing.
 */
const TIMING = { beatMs: 100, staleMs: 500, audienceSpreadMs: 1_000 };

describe('a server process that dies between storing a change and publishing it', () => {
  let redis: TestRedis;
  let admin: Redis;
  let servers: TestServer[];
  let event: CreatedEventWithKeys;
  let quiet: CreatedEventWithKeys;

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
    defineScripts(admin);
    servers = await Promise.all([
      startServer(redis.url, { config: { peers: TIMING } }),
      startServer(redis.url, { config: { peers: TIMING } }),
    ]);
    quiet = await createEvent(servers[0]!.url, 'Nothing happens here');
    event = await createEvent(servers[0]!.url);
    // The quiet event's last change (its creation) must be older than a dead process's
    // last beat by more than the time a publish may lag behind its store (2 s, peers.ts).
    await sleep(2_500);
  }, 30_000);
  afterAll(async () => {
    admin?.disconnect();
    await Promise.all((servers ?? []).map((s) => s.close()));
    await redis?.stop();
    redis?.remove();
  });

  /** Every role of an event, on each of the two servers. */
  function everyone(of: CreatedEventWithKeys) {
    const joins: JoinPayload[] = [
      { code: of.code, role: 'moderator', key: of.moderatorKey, clientId: 'watching-moderator' },
      { code: of.code, role: 'stage', key: of.stageKey },
      { code: of.code, role: 'audience' },
    ];
    return servers.flatMap((server) =>
      joins.map((join) => ({ join, url: server.url, client: faultClient(server.url, join) })),
    );
  }

  async function expectStateOfRedis(
    clients: { join: JoinPayload; url: string; client: FaultClient }[],
  ) {
    for (const { join, url, client } of clients) {
      const fresh = await freshQuestions(url, join);
      await eventually(
        () => JSON.stringify(sortedById(client.questions())) === JSON.stringify(sortedById(fresh)),
        () =>
          `a ${join.role} holds ${Object.keys(client.questions()).length} questions, Redis ${Object.keys(fresh).length}`,
      );
    }
  }

  it('its changes reach every socket of the living processes, and only events that changed resync', async () => {
    const clients = everyone(event);
    const idle = everyone(quiet);
    await Promise.all([...clients, ...idle].map(({ client }) => client.joined()));

    // One question asked and published the usual way, waiting in Incoming.
    const asker = clients.find((c) => c.join.role === 'audience')!.client;
    const asked = await asker.send('question:submit', {
      text: 'How do you choose which children to visit?',
    });
    if (!asked.result.ok) throw new Error(asked.result.message);
    const waiting = asked.result.data.question.id;

    // The dead process: it beat once (its deadline 2 s away), then approved that
    // question and took a new one, and was killed before publishing either.
    await diedBeforePublishing(redis.url, event.code, {
      approveId: waiting,
      ask: 'Will you come back next year?',
      staleMs: 2_000,
    });
    // Nobody heard: the living processes' sockets still hold one question in Incoming.
    const moderatorOnA = clients[0]!.client;
    expect(Object.keys(moderatorOnA.questions())).toEqual([waiting]);

    await expectStateOfRedis(clients);
    for (const { join, client } of clients) {
      expect(client.resyncs(), `${join.role} asked to join again`).toBeGreaterThanOrEqual(1);
    }
    // Both new facts reached the public: the approved question is there for everyone.
    const audienceOnB = clients[5]!.client;
    expect(Object.keys(audienceOnB.questions())).toEqual([waiting]);

    // The event nothing happened in was left alone; its sockets still agree with Redis.
    expect(idle.map(({ client }) => client.resyncs())).toEqual([0, 0, 0, 0, 0, 0]);
    await expectStateOfRedis(idle);

    // The dead process is reported once: later beats ask no one again.
    const resyncs = clients.map(({ client }) => client.resyncs());
    await sleep(TIMING.staleMs * 2);
    expect(clients.map(({ client }) => client.resyncs())).toEqual(resyncs);

    [...clients, ...idle].forEach(({ client }) => client.close());
  }, 60_000);

  it('a process that stops cleanly (app.close) asks no one to join again', async () => {
    const clients = everyone(event);
    const asker = faultClient(servers[0]!.url, { code: event.code, role: 'audience' });
    await Promise.all([asker, ...clients.map(({ client }) => client)].map((c) => c.joined()));
    const third = await startServer(redis.url, { config: { peers: TIMING } });
    await sleep(TIMING.beatMs * 2);
    expect(await admin.zcard(PEER_KEYS.deadlines)).toBe(3);

    await third.close();
    expect(await admin.zcard(PEER_KEYS.deadlines)).toBe(2);
    // A change now and beats past the closed one's deadline: no one is asked to resync.
    const asked = await asker.send('question:submit', { text: 'What can a child do to help?' });
    expect(asked.result.ok).toBe(true);
    await sleep(TIMING.staleMs * 2);
    expect(clients.map(({ client }) => client.resyncs())).toEqual([0, 0, 0, 0, 0, 0]);
    await expectStateOfRedis(clients);

    [asker, ...clients.map(({ client }) => client)].forEach((client) => client.close());
  }, 60_000);
});
