import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, type CreatedEventWithKeys } from '../harness/clients';
import { startRedis, type TestRedis } from '../harness/dais';
import { eventually, faultClient, freshQuestions, sleep, sortedById } from '../harness/faults';
import { isRunning, startDaisProcess, workerPids, type DaisProcess } from '../harness/processes';
import { stormInRedis, submitStorm } from '../harness/storm';

/**
 * kill -9 of one of two server processes (`--workers 2`) in the middle of a submit
 * storm from 500 clients. The clients of the dead process reconnect (to the survivor
 * or the worker the primary starts in its place), join again and re-send what was not
 * acknowledged with the same request id.
 */
describe('a server process killed during a 500-client submit storm', () => {
  const CLIENTS = 500;
  const PER_CLIENT = 3;
  let redis: TestRedis;
  let admin: Redis;
  let dais: DaisProcess;
  let url: string;
  let event: CreatedEventWithKeys;

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
    // No flood guards: the storm comes from one address, far above a person's pace.
    dais = startDaisProcess({ REDIS_URL: redis.url, DAIS_LIMITS: 'off' }, ['--workers', '2']);
    url = await dais.url();
    event = await createEvent(url);
  }, 60_000);
  afterAll(async () => {
    admin?.disconnect();
    await dais?.stop();
    await redis?.stop();
    redis?.remove();
  });

  it('stores every acknowledged question exactly once, and nothing half', async () => {
    const moderatorJoin = {
      code: event.code,
      role: 'moderator' as const,
      key: event.moderatorKey,
      clientId: 'watching-moderator',
    };
    // Moderators connected before the kill; node:cluster hands connections out in turn,
    // so some are on the process that dies.
    const moderators = Array.from({ length: 4 }, () => faultClient(url, moderatorJoin));
    await Promise.all(moderators.map((m) => m.joined()));

    const storm = await submitStorm(url, event.code, CLIENTS, PER_CLIENT);
    const [victim, survivor] = workerPids(dais.child.pid!) as [number, number];
    const finished = storm.start();
    await eventually(
      () => storm.acked() >= (CLIENTS * PER_CLIENT) / 4,
      () => `${storm.acked()} acked`,
      60_000,
    );
    process.kill(victim, 'SIGKILL');
    await eventually(
      () => !isRunning(victim),
      () => `${victim} still runs`,
    );
    const requests = await finished;

    // Some clients really were cut off and came back.
    const rejoined = storm.clients.filter((client) => client.joins() > 1).length;
    expect(rejoined).toBeGreaterThan(0);
    expect(isRunning(survivor)).toBe(true);

    const acked = requests.filter((r) => r.questionId);
    const refused = requests.filter((r) => r.refused);
    expect(refused.map((r) => r.refused)).toEqual([]);
    expect(acked).toHaveLength(CLIENTS * PER_CLIENT);

    const { notOnce, total, unsound } = await stormInRedis(admin, event.code, requests);
    expect(notOnce).toEqual([]);
    expect(total).toBe(CLIENTS * PER_CLIENT);
    expect(unsound).toEqual([]);

    // Every moderator ends with what a fresh join reads from Redis: those the kill cut
    // off joined again; those on the survivor were asked to (event:resync), since the
    // dead process may have stored changes it never published (realtime/peers.ts).
    const fresh = await freshQuestions(url, moderatorJoin);
    expect(Object.keys(fresh)).toHaveLength(CLIENTS * PER_CLIENT);
    expect(moderators.filter((m) => m.joins() > 1).length).toBeGreaterThan(0);
    for (const moderator of moderators) {
      await eventually(
        () =>
          JSON.stringify(sortedById(moderator.questions())) === JSON.stringify(sortedById(fresh)),
        () => `a moderator holds ${Object.keys(moderator.questions()).length} questions`,
        30_000,
      );
    }
    expect(moderators.every((m) => m.joins() > 1 || m.resyncs() > 0)).toBe(true);

    storm.close();
    moderators.forEach((m) => m.close());
    await sleep(0);
  }, 180_000);
});
