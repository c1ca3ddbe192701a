import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, disconnectAll, expectOk, join, joinAll, request } from '../harness/clients';
import { startRedis, startServer } from '../harness/dais';

afterEach(disconnectAll);

describe('restarts', () => {
  it('keeps events and questions when the app and its embedded Redis restart', async () => {
    let redis = await startRedis();
    let server = await startServer(redis.url);
    const event = await createEvent(server.url);
    const { moderator, audience } = await joinAll(server.url, event);
    const token = audience.snapshot.participant?.token;
    const { question } = await expectOk(audience.socket, 'question:submit', { text: '还在吗？' });
    await expectOk(moderator.socket, 'question:approve', { questionId: question.id });
    disconnectAll();
    await server.close();
    await redis.stop();

    // Same data dir, new process, new port: only the AOF carries the state across.
    redis = await startRedis(redis.dir);
    server = await startServer(redis.url);
    try {
      const back = await join(server.url, { code: event.code, role: 'audience', token });
      expect(back.snapshot.event.title).toBe(event.title);
      expect(back.snapshot.mine).toEqual([
        expect.objectContaining({ id: question.id, status: 'approved' }),
      ]);
      // Keys and participant signatures still hold after the restart.
      await join(server.url, { code: event.code, role: 'moderator', key: event.moderatorKey });
    } finally {
      await server.close();
      await redis.stop();
      redis.remove();
    }
  });

  it('reports Redis down on /api/health and refuses commands without storing, then recovers', async () => {
    const redis = await startRedis();
    const server = await startServer(redis.url);
    try {
      const healthy = await fetch(`${server.url}/api/health`);
      expect([healthy.status, await healthy.json()]).toEqual([200, { ok: true, redis: 'up' }]);
      const event = await createEvent(server.url);
      const { audience } = await joinAll(server.url, event);

      await redis.stop();
      const down = await fetch(`${server.url}/api/health`);
      expect([down.status, await down.json()]).toEqual([503, { ok: false, redis: 'down' }]);
      const refused = await request(audience.socket, 'question:submit', { text: 'Anyone there?' });
      expect(refused).toMatchObject({ ok: false, error: 'UNAVAILABLE' });
      expect(audience.socket.connected).toBe(true);

      // Back on the same port, ioredis reconnects by itself and the event is intact.
      const again = await startRedis(redis.dir, redis.port);
      try {
        await until(async () => (await fetch(`${server.url}/api/health`)).status === 200);
        const { question } = await expectOk(audience.socket, 'question:submit', { text: 'Back?' });
        expect(question.status).toBe('pending');
      } finally {
        await again.stop();
      }
    } finally {
      await server.close();
      redis.remove();
    }
  });
});

/** Polls a condition a bounded number of times (a reconnect has no event to wait for). */
async function until(condition: () => Promise<boolean>, tries = 100) {
  for (let i = 0; i < tries; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met');
}
