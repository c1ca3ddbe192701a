import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@dais/shared';
import { createEvent } from '../harness/clients';
import { startRedis, type TestRedis } from '../harness/dais';
import {
  eventually,
  faultClient,
  redisPid,
  requestId,
  rssOf,
  sleep,
  type FaultClient,
} from '../harness/faults';
import { startDaisProcess, type DaisProcess } from '../harness/processes';
import { stormInRedis, stormText, submitStorm, type StormRequest } from '../harness/storm';

/**
 * Redis failing under a server process of its own (the real entry point, so its Redis
 * connection has the app's outage options): killed and restarted from its AOF, and
 * stopped (SIGSTOP) for 10 s.
 */
describe('Redis failing under load', () => {
  let redis: TestRedis | undefined;
  let admin: Redis | undefined;
  let dais: DaisProcess | undefined;

  async function start() {
    redis = await startRedis(); // appendfsync always: the default
    admin = new Redis(redis.url);
    admin.on('error', () => {}); // it reconnects by itself after the kill
    dais = startDaisProcess({ REDIS_URL: redis.url, DAIS_LIMITS: 'off' });
    const url = await dais.url();
    return { url, event: await createEvent(url), redis, admin, dais };
  }
  afterEach(async () => {
    admin?.disconnect();
    await dais?.stop();
    await redis?.stop();
    redis?.remove();
  });

  it('loses no acknowledged question when redis-server is killed and restarts from its AOF', async () => {
    const { url, event, admin } = await start();
    const storm = await submitStorm(url, event.code, 100, 6);
    const finished = storm.start();
    await eventually(
      () => storm.acked() >= 150,
      () => `${storm.acked()} acked`,
      60_000,
    );

    const ackedBeforeKill = storm.acked();
    process.kill(await redisPid(admin), 'SIGKILL');
    await sleep(1000);
    // Same data dir and port: only the AOF carries the questions across.
    redis = await startRedis(redis!.dir, redis!.port);

    // The server reconnects by itself: the storm finishes through it.
    const requests = await finished;
    storm.close();
    expect(requests.filter((r) => r.refused)).toEqual([]);
    expect(requests.filter((r) => r.questionId)).toHaveLength(600);
    expect(requests.some((r) => r.attempts > 1)).toBe(true);
    expect(ackedBeforeKill).toBeGreaterThanOrEqual(150);

    const { notOnce, total, unsound } = await stormInRedis(admin, event.code, requests);
    expect(notOnce).toEqual([]);
    expect(total).toBe(600);
    expect(unsound).toEqual([]);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 120_000);

  it('answers with errors while Redis is stopped for 10 s, keeps its memory, and serves after', async () => {
    const { url, event, admin, dais } = await start();
    const server = dais.child.pid!;
    const redisProcess = await redisPid(admin);

    const clients: FaultClient[] = [];
    for (let i = 0; i < 40; i++)
      clients.push(faultClient(url, { code: event.code, role: 'audience' }));
    await Promise.all(clients.map((client) => client.joined()));
    const refusals: { error: string; sentAt: number; answeredAt: number }[] = [];
    for (const client of clients) {
      client.onRetryableRefusal((error, sentAt, answeredAt) =>
        refusals.push({ error, sentAt, answeredAt }),
      );
    }
    const decided: (StormRequest & { sentAt: number; answeredAt: number })[] = [];
    let running = true;
    const asking = clients.map(async (client, c) => {
      for (let k = 0; running; k++) {
        const text = stormText(c, k);
        const id = requestId();
        const { result, attempts, sentAt, answeredAt } = await client.send('question:submit', {
          text,
          requestId: id,
        });
        decided.push({
          text,
          requestId: id,
          attempts,
          sentAt,
          answeredAt,
          ...(result.ok ? { questionId: result.data.question.id } : { refused: result.error }),
        });
      }
    });
    await eventually(
      () => decided.length >= 80,
      () => `${decided.length} decided`,
    );

    const before = rssOf(server);
    let peak = before;
    const stoppedAt = Date.now();
    process.kill(redisProcess, 'SIGSTOP');
    for (let waited = 0; waited < 10_000; waited += 250) {
      await sleep(250);
      peak = Math.max(peak, rssOf(server));
    }
    process.kill(redisProcess, 'SIGCONT');
    const resumedAt = Date.now();

    // Service resumes: every client gets further questions acknowledged.
    const afterStall = decided.length;
    await eventually(
      () => decided.length >= afterStall + 80,
      () => `${decided.length} decided`,
    );
    running = false;
    await Promise.all(asking);
    clients.forEach((client) => client.close());

    // No false success: a request sent while Redis was stopped was not acknowledged
    // before Redis ran again, and errors did come back during the stall.
    const during = (r: { sentAt: number; answeredAt: number }) =>
      r.sentAt > stoppedAt && r.answeredAt < resumedAt;
    expect(decided.filter((r) => r.questionId && during(r))).toEqual([]);
    const errorsDuringStall = refusals.filter(during);
    expect(errorsDuringStall.length).toBeGreaterThan(0);
    expect(new Set(errorsDuringStall.map((r) => r.error))).toEqual(
      new Set([ErrorCode.Unavailable]),
    );
    // The server's memory stays bounded while requests keep failing.
    if (process.env.DAIS_FAULTS_REPORT) {
      const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
      console.log(
        `stall: RSS ${mb(before)} before, peak ${mb(peak)}; ${errorsDuringStall.length} errors acked during it, ${decided.length} questions`,
      );
    }
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);

    // Whatever was acknowledged is stored once; retries after the stall stored nothing twice.
    expect(decided.filter((r) => r.refused)).toEqual([]);
    const { notOnce, total, unsound } = await stormInRedis(admin, event.code, decided);
    expect(notOnce).toEqual([]);
    expect(total).toBe(decided.length);
    expect(unsound).toEqual([]);
  }, 120_000);
});
