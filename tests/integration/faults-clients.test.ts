import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinPayload } from '@dais/shared';
import { createEvent, type CreatedEventWithKeys } from '../harness/clients';
import { startRedis, type TestRedis } from '../harness/dais';
import {
  cuttableLink,
  eventually,
  faultClient,
  freshQuestions,
  requestId,
  sleep,
  type FaultClient,
} from '../harness/faults';
import { eventRedisKeys } from '../harness/questions';
import { startDaisProcess, type DaisProcess } from '../harness/processes';
import { stormInRedis, stormText, type StormRequest } from '../harness/storm';

/** Clients whose acks time out, and clients cut off from their server for seconds. */
describe('clients through slow and broken connections', () => {
  let redis: TestRedis;
  let admin: Redis;
  let dais: DaisProcess;
  let url: string;
  let event: CreatedEventWithKeys;
  let moderator: FaultClient;
  const all: FaultClient[] = [];
  const client = (join: JoinPayload, options?: Parameters<typeof faultClient>[2], at = url) => {
    const made = faultClient(at, join, options);
    all.push(made);
    return made;
  };

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
    dais = startDaisProcess({ REDIS_URL: redis.url, DAIS_LIMITS: 'off' });
    url = await dais.url();
    event = await createEvent(url);
    moderator = client(asModerator('direct'));
    await moderator.joined();
  });
  afterAll(async () => {
    all.forEach((c) => c.close());
    admin?.disconnect();
    await dais?.stop();
    await redis?.stop();
    redis?.remove();
  });

  const asModerator = (name: string): JoinPayload => ({
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
    clientId: `${name}-moderator`,
  });
  const audience = (): JoinPayload => ({ code: event.code, role: 'audience' });

  /** A new question, approved, so the audience can vote for it. */
  async function approvedQuestion(text: string) {
    const asker = client(audience());
    const { result } = await asker.send('question:submit', { text });
    if (!result.ok) throw new Error(result.error);
    const id = result.data.question.id;
    const approved = await moderator.send('question:approve', { questionId: id });
    if (!approved.result.ok) throw new Error(approved.result.error);
    return id;
  }

  it('counts each question and vote once when acks time out and socket.io-client retries', async () => {
    const questionId = await approvedQuestion('Which rail line opens first, and when?');
    // socket.io-client's own retries: the same packet again after each 300 ms without an ack.
    const voters = Array.from({ length: 20 }, () =>
      client(audience(), { ackTimeout: 300, retries: 30 }),
    );
    await Promise.all(voters.map((v) => v.joined()));
    let sent = 0;
    for (const voter of voters) {
      voter.socket.io.engine.on('packetCreate', (packet: { type: string; data?: unknown }) => {
        if (packet.type === 'message' && String(packet.data).includes('requestId')) sent++;
      });
    }

    // The server stops answering for 1.5 s (SIGSTOP): every first ack times out.
    process.kill(dais.child.pid!, 'SIGSTOP');
    const requests: StormRequest[] = voters.map((_, c) => ({
      text: stormText(c, 0),
      requestId: requestId(),
      attempts: 0,
    }));
    const emit = (voter: FaultClient, event: string, payload: unknown) =>
      (
        voter.socket as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }
      ).emitWithAck(event, payload) as Promise<{
        ok: boolean;
        data?: { question?: { id: string }; votes?: number };
      }>;
    const acks = voters.map(async (voter, c) => {
      const submitted = await emit(voter, 'question:submit', {
        text: requests[c]!.text,
        requestId: requests[c]!.requestId,
      });
      requests[c]!.questionId = submitted.data?.question?.id;
      return emit(voter, 'question:vote', { questionId, up: true, requestId: requestId() });
    });
    await sleep(1500);
    process.kill(dais.child.pid!, 'SIGCONT');
    const votes = await Promise.all(acks);

    expect(sent).toBeGreaterThan(voters.length * 2); // retries really went out
    expect(votes.every((v) => v.ok)).toBe(true);
    const { notOnce, unsound } = await stormInRedis(admin, event.code, requests);
    expect(notOnce).toEqual([]);
    expect(unsound).toEqual([]);
    const keys = eventRedisKeys(event.code);
    expect(await admin.scard(keys.voters(questionId))).toBe(20);
    expect(await admin.hget(keys.question(questionId), 'votes')).toBe('20');
  }, 60_000);

  it('brings clients cut off for 6 s back to exactly the state in Redis', async () => {
    const link = await cuttableLink(Number(new URL(url).port));
    try {
      const cutModerator = client(asModerator('cut'), {}, link.url);
      const cutAudience = client(audience(), {}, link.url);
      await Promise.all([cutModerator.joined(), cutAudience.joined()]);
      const earlier = await approvedQuestion('Will the new rail link stop in small towns?');
      const askers = Array.from({ length: 5 }, () => client(audience()));
      await Promise.all(askers.map((a) => a.joined()));

      // 6 s without a connection (the cut takes every try to reconnect too), while
      // others ask, moderate and vote.
      link.cut();
      const cutAt = Date.now();
      for (const [i, asker] of askers.entries()) {
        const { result } = await asker.send('question:submit', { text: stormText(100 + i, 1) });
        if (!result.ok) throw new Error(result.error);
        const id = result.data.question.id;
        if (i % 2 === 0) await moderator.send('question:approve', { questionId: id });
        else await moderator.send('question:reject', { questionId: id, reason: 'Off topic' });
        await asker.send('question:vote', {
          questionId: earlier,
          up: true,
          requestId: requestId(),
        });
      }
      await sleep(Math.max(0, 6000 - (Date.now() - cutAt)));
      link.restore();

      await Promise.all([cutModerator.joined(), cutAudience.joined()]);
      expect(cutModerator.joins()).toBe(2);
      expect(cutAudience.joins()).toBe(2);
      for (const [cut, join] of [
        [cutModerator, asModerator('fresh')],
        [cutAudience, audience()],
      ] as const) {
        const fresh = JSON.stringify(sortedById(await freshQuestions(url, join)));
        await eventually(
          () => JSON.stringify(sortedById(cut.questions())) === fresh,
          () => `${join.role} holds ${JSON.stringify(sortedById(cut.questions()))}, Redis ${fresh}`,
        );
      }
    } finally {
      await link.close();
    }
  }, 60_000);
});

/** Questions by id in id order, so two maps compare as JSON. */
function sortedById(byId: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(byId).sort(([a], [b]) => a.localeCompare(b)));
}
