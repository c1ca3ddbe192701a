import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JoinPayload, ServerToClientEvents, Snapshot } from '@dais/shared';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  type Client,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { startRedis, startServer, type TestRedis, type TestServer } from '../harness/dais';
import {
  childPids,
  connectTo,
  connectTracked,
  isRunning,
  programOf,
  startDaisProcess,
  workerPids,
  type DaisProcess,
} from '../harness/processes';
import { eventRedisKeys } from '../harness/questions';

type VotesChanged = Parameters<ServerToClientEvents['votes:changed']>[0];
type Presence = Parameters<ServerToClientEvents['presence:changed']>[0]['presence'];

const roles = (event: CreatedEventWithKeys) => ({
  moderator: (name: string): JoinPayload => ({
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
    name,
    clientId: `${name.toLowerCase()}-browser`,
  }),
  stage: { code: event.code, role: 'stage', key: event.stageKey } as JoinPayload,
  audience: { code: event.code, role: 'audience' } as JoinPayload,
});

const names = (presence: Presence) => presence.map((p) => p.name).sort();

/** Resolves once `condition` holds (checked every 20 ms), or fails after 5 s. */
async function eventually(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited >= 5000) throw new Error('the condition did not hold within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Stream ids ("ms-seq") in their order. */
function compareLogIds(a: string, b: string) {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

describe('pnpm start --workers 2 on one Redis', () => {
  let redis: TestRedis;
  let dais: DaisProcess;
  let url: string;
  let pids: number[];
  let one: number;
  let two: number;

  beforeAll(async () => {
    redis = await startRedis();
    dais = startDaisProcess({ REDIS_URL: redis.url }, ['--workers', '2']);
    url = await dais.url();
    pids = workerPids(dais.child.pid!);
    [one, two] = pids as [number, number];
  });
  afterAll(async () => {
    disconnectAll();
    await dais?.stop();
    await redis?.stop();
    redis?.remove();
  });
  afterEach(disconnectAll);

  /** A client of process `pid` that has joined as `payload`. */
  async function joinOn(pid: number, payload: JoinPayload) {
    const socket = await connectTo(url, pids, pid);
    const snapshot: Snapshot = await expectOk(socket, 'event:join', payload);
    return { socket, snapshot };
  }

  it('runs two server processes behind one port, and hands connections to both', async () => {
    expect(pids).toHaveLength(2);
    const served = new Set<number>();
    for (let i = 0; i < 6; i++) served.add((await connectTracked(url, pids)).pid);
    expect([...served].sort()).toEqual([...pids].sort());
  });

  it('carries every broadcast to the clients of both processes', async () => {
    const event = await createEvent(url);
    const as = roles(event);
    const mei = await joinOn(one, as.moderator('Mei'));

    // presence:changed: a moderator arriving on process two is seen on process one.
    const meiSeesTom = next(mei.socket, 'presence:changed', (p) => p.presence.length === 2);
    const tom = await joinOn(two, as.moderator('Tom'));
    expect(names((await meiSeesTom).presence)).toEqual(['Mei', 'Tom']);
    expect(names(tom.snapshot.presence ?? [])).toEqual(['Mei', 'Tom']);

    const stages = [await joinOn(one, as.stage), await joinOn(two, as.stage)];
    const audience = [await joinOn(one, as.audience), await joinOn(two, as.audience)];
    const moderators = [mei, tom];
    const sockets = (clients: { socket: Client }[]) => clients.map((c) => c.socket);
    const all = sockets([...moderators, ...stages, ...audience]);

    // question:changed, full view: submitted on process one, heard by both moderators.
    const submitted = sockets(moderators).map((s) =>
      next(s, 'question:changed', (c) => c.change === 'submitted'),
    );
    const { question } = await expectOk(audience[0]!.socket, 'question:submit', {
      text: 'How will the new rail link change trade between our cities?',
    });
    for (const heard of await Promise.all(submitted)) {
      expect(heard.question).toMatchObject({ id: question.id, status: 'pending' });
    }

    // question:changed, public view: approved on process two, heard by the public on both.
    const approved = sockets([...stages, ...audience]).map((s) =>
      next(s, 'question:changed', (c) => c.change === 'approved'),
    );
    await expectOk(tom.socket, 'question:approve', { questionId: question.id });
    for (const heard of await Promise.all(approved)) {
      expect(heard.question).toMatchObject({ id: question.id, status: 'approved' });
    }

    // votes:changed: a vote on process two, counted for moderators and the public on both.
    const counted = sockets([...moderators, ...audience]).map((s) =>
      next(s, 'votes:changed', (v) => v.updates.some((u) => u.id === question.id && u.votes === 1)),
    );
    await expectOk(audience[1]!.socket, 'question:vote', { questionId: question.id, up: true });
    await Promise.all(counted);

    // queue:changed: "Up next" set on process one, heard by moderators and stages on both.
    const queued = sockets([...moderators, ...stages]).map((s) =>
      next(s, 'queue:changed', (q) => q.queue.includes(question.id)),
    );
    await expectOk(mei.socket, 'queue:move', { questionId: question.id, beforeId: null });
    await Promise.all(queued);

    // event:changed: settings saved on process two, heard by everyone on both.
    const configured = all.map((s) =>
      next(s, 'event:changed', (e) => e.event.maxQuestionLength === 200),
    );
    await expectOk(tom.socket, 'event:configure', { maxQuestionLength: 200 });
    await Promise.all(configured);

    // presence:changed again: what Tom looks at on process two, seen by Mei on process one.
    const meiSeesFocus = next(mei.socket, 'presence:changed', (p) =>
      p.presence.some((m) => m.name === 'Tom' && m.focus === question.id),
    );
    await expectOk(tom.socket, 'moderator:focus', { questionId: question.id });
    await meiSeesFocus;
  });

  it('lets a moderator on one process and the stage on the other run the event', async () => {
    const event = await createEvent(url);
    const as = roles(event);
    const moderator = (await joinOn(one, as.moderator('Mei'))).socket;
    const stage = (await joinOn(two, as.stage)).socket;
    const askers = [
      (await joinOn(one, as.audience)).socket,
      (await joinOn(two, as.audience)).socket,
    ];

    const texts = ['Which schools will get the new exchange places?', 'When do visas get cheaper?'];
    const questions = [];
    for (const [i, text] of texts.entries()) {
      const { question } = await expectOk(askers[i]!, 'question:submit', { text });
      questions.push(
        (await expectOk(moderator, 'question:approve', { questionId: question.id })).question,
      );
    }
    const [first, second] = questions as [(typeof questions)[0], (typeof questions)[0]];

    // The moderator lines up the second question; the stage sees "Up next" change.
    const stageSeesQueue = next(stage, 'queue:changed', (q) => q.queue[0] === second.id);
    await expectOk(moderator, 'queue:move', { questionId: second.id, beforeId: null });
    await stageSeesQueue;

    // The stage takes it: the moderator and both askers hear it is live.
    const live = [moderator, ...askers].map((s) =>
      next(s, 'question:changed', (c) => c.change === 'shown' && c.question.id === second.id),
    );
    const step = await expectOk(stage, 'stage:next', {});
    expect(step.live).toMatchObject({ id: second.id, status: 'live' });
    await Promise.all(live);

    // Answered on the stage; the moderator shows the first question from the other process.
    const answered = next(moderator, 'question:changed', (c) => c.change === 'answered');
    await expectOk(stage, 'question:answer', { questionId: second.id });
    expect((await answered).question).toMatchObject({ id: second.id, status: 'answered' });
    const stageSeesShow = next(stage, 'question:changed', (c) => c.change === 'shown');
    await expectOk(moderator, 'question:show', { questionId: first.id });
    expect((await stageSeesShow).question).toMatchObject({ id: first.id, status: 'live' });

    // Both processes read the same event back.
    const statuses = async (pid: number) =>
      Object.fromEntries(
        (await joinOn(pid, as.stage)).snapshot.questions.map((q) => [q.id, q.status]),
      );
    const expected = { [first.id]: 'live', [second.id]: 'answered' };
    expect(await statuses(one)).toEqual(expected);
    expect(await statuses(two)).toEqual(expected);
  });

  it('ends every socket on both processes with the vote count Redis holds', async () => {
    const event = await createEvent(url);
    const as = roles(event);
    const moderator = (await joinOn(one, as.moderator('Mei'))).socket;
    const watchers = [
      (await joinOn(one, as.audience)).socket,
      (await joinOn(two, as.audience)).socket,
    ];
    const voters: Client[] = [];
    for (let i = 0; i < 12; i++) voters.push((await joinOn(i % 2 ? two : one, as.audience)).socket);
    const { question } = await expectOk(voters[0]!, 'question:submit', {
      text: 'Will the museum loan come to the north too?',
    });
    await expectOk(moderator, 'question:approve', { questionId: question.id });

    const heard = [moderator, ...watchers].map((socket) => {
      const batches: VotesChanged[] = [];
      socket.on('votes:changed', (batch) => batches.push(batch));
      return batches;
    });
    const done = [moderator, ...watchers].map((s) =>
      next(s, 'votes:changed', (v) =>
        v.updates.some((u) => u.id === question.id && u.votes === 12),
      ),
    );
    const started = Date.now();
    await Promise.all(
      voters.map((s) => expectOk(s, 'question:vote', { questionId: question.id, up: true })),
    );
    await Promise.all(done);
    // The contract is a rate per socket, whichever process took the votes.
    const windows = Math.floor((Date.now() - started) / 250) + 1;

    const check = new Redis(redis.url);
    const stored = Number(
      await check.hget(eventRedisKeys(event.code).question(question.id), 'votes'),
    );
    check.disconnect();
    expect(stored).toBe(12);
    for (const batches of heard) {
      const counts = batches.flatMap((b) =>
        b.updates.filter((u) => u.id === question.id).map((u) => u.votes),
      );
      // A count never goes back to an older one, and the last is what Redis holds.
      expect(counts).toEqual([...counts].sort((x, y) => x - y));
      expect(counts.at(-1)).toBe(stored);
      expect(batches.length).toBeLessThanOrEqual(windows);
    }
  });

  it('ends every moderator on both processes with the newest presence', async () => {
    const event = await createEvent(url);
    const as = roles(event);
    // Six moderators arrive at once, three on each process: presence only grows meanwhile.
    const arriving = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Fa'];
    const sockets: Client[] = [];
    for (const [i] of arriving.entries()) {
      sockets.push(await connectTo(url, pids, i % 2 ? two : one));
    }
    const lists = sockets.map((socket) => {
      const heard: Presence[] = [];
      socket.on('presence:changed', ({ presence }) => heard.push(presence));
      return heard;
    });
    await Promise.all(sockets.map((s, i) => expectOk(s, 'event:join', as.moderator(arriving[i]!))));

    // One more arrives after them, so every moderator above hears it after all the rest.
    const everyone = [...arriving, 'Gu'];
    const last = sockets.map((s) =>
      next(s, 'presence:changed', (p) => p.presence.length === everyone.length),
    );
    await joinOn(two, as.moderator('Gu'));
    await Promise.all(last);
    for (const heard of lists) {
      const sizes = heard.map((presence) => presence.length);
      expect(sizes).toEqual([...sizes].sort((x, y) => x - y));
      expect(names(heard.at(-1)!)).toEqual(everyone.sort());
    }
  });

  it('ends every socket on both processes with the newest "Up next" and settings', async () => {
    const event = await createEvent(url);
    const as = roles(event);
    const moderators = [
      (await joinOn(one, as.moderator('Mei'))).socket,
      (await joinOn(two, as.moderator('Tom'))).socket,
    ];
    const stages = [(await joinOn(one, as.stage)).socket, (await joinOn(two, as.stage)).socket];
    const asker = (await joinOn(one, as.audience)).socket;
    const ids: string[] = [];
    for (const text of ['Rail?', 'Visas?', 'Schools?', 'Museums?']) {
      const { question } = await expectOk(asker, 'question:submit', { text: `${text} When?` });
      await expectOk(moderators[0]!, 'question:approve', { questionId: question.id });
      ids.push(question.id);
    }
    const heard = [...moderators, ...stages].map((socket) => {
      const seen = { queues: [] as string[], queue: [] as string[], events: [] as string[] };
      socket.on('queue:changed', ({ logId, queue }) => {
        seen.queues.push(logId);
        seen.queue = queue;
      });
      socket.on('event:changed', ({ logId }) => seen.events.push(logId));
      return seen;
    });

    // Both moderators reorder "Up next" and change the settings at once.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const moderator = moderators[i % 2]!;
        return i % 3 === 2
          ? expectOk(moderator, 'event:configure', { maxQuestionLength: 100 + i })
          : expectOk(moderator, 'queue:move', { questionId: ids[i % 4]!, beforeId: null });
      }),
    );
    // A last change of each: every socket hears it, after all the others.
    const check = new Redis(redis.url);
    const keys = eventRedisKeys(event.code);
    const lastLogId = async () => (await check.xrevrange(keys.log, '+', '-', 'COUNT', 1))[0]![0];
    await expectOk(moderators[1]!, 'event:configure', { maxQuestionLength: 250 });
    const eventLogId = await lastLogId();
    await expectOk(moderators[0]!, 'queue:move', { questionId: ids[0]!, beforeId: null });
    const queueLogId = await lastLogId();
    const queue = await check.lrange(keys.queue, 0, -1);
    check.disconnect();
    await eventually(() =>
      heard.every(
        (seen, i) =>
          seen.queues.includes(queueLogId) && (i > 1 || seen.events.includes(eventLogId)),
      ),
    );

    // Each socket heard every value newer than the one before it.
    const inOrder = (logIds: string[]) =>
      logIds.every((id, i) => i === 0 || compareLogIds(logIds[i - 1]!, id) < 0);
    for (const seen of heard) {
      expect(inOrder(seen.queues)).toBe(true);
      expect(seen.queues.at(-1)).toBe(queueLogId);
      expect(seen.queue).toEqual(queue);
    }
    for (const seen of heard.slice(0, 2)) {
      expect(inOrder(seen.events)).toBe(true);
      expect(seen.events.at(-1)).toBe(eventLogId);
    }
  });

  it('replaces a worker that dies, and keeps serving on the same port', async () => {
    const event = await createEvent(url);
    const [victim] = workerPids(dais.child.pid!);
    process.kill(victim!, 'SIGKILL');
    // The replacement serves once it listens: connections reach both workers again.
    const served = new Set<number>();
    for (let attempt = 0; attempt < 100 && served.size < 2; attempt++) {
      pids = workerPids(dais.child.pid!).filter((pid) => pid !== victim);
      const { socket, pid } = await connectTracked(url, pids);
      await expectOk(socket, 'event:join', roles(event).audience);
      served.add(pid);
      socket.disconnect();
      if (served.size < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(victim);
    expect([...served].sort()).toEqual([...pids].sort());
  });
});

describe('pnpm start --workers 2 without REDIS_URL', () => {
  it('starts the embedded Redis once, and stops the workers and Redis on SIGTERM', async () => {
    const dataDir = mkdtempSync(joinPath(tmpdir(), 'dais-workers-'));
    const dais = startDaisProcess({ DAIS_DATA_DIR: dataDir, DAIS_WORKERS: '2' });
    try {
      const url = await dais.url();
      expect(dais.output()).toContain('(2 processes)');
      expect((await dais.printed(/Redis: (.*)/))[1]).toBe(`embedded, data in ${dataDir}`);
      const workers = workerPids(dais.child.pid!);
      const redisServers = childPids(dais.child.pid!).filter(
        (pid) => programOf(pid) === 'redis-server',
      );
      expect(workers).toHaveLength(2);
      expect(redisServers).toHaveLength(1);

      const event = await createEvent(url);
      const { socket } = await join(url, { code: event.code, role: 'audience' });
      await expectOk(socket, 'question:submit', { text: 'Is the data kept when you restart?' });

      expect(await dais.stop()).toBe(0);
      expect([...workers, ...redisServers].filter(isRunning)).toEqual([]);
      // One Redis wrote the append-only file that keeps the event.
      expect(readdirSync(dataDir)).toContain('appendonlydir');
    } finally {
      disconnectAll();
      await dais.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('pnpm start --workers 2 on a port in use', () => {
  it('stops every worker and exits with 1 when they cannot listen', async () => {
    const redis = await startRedis();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const dais = startDaisProcess({ REDIS_URL: redis.url, PORT: String(port) }, [
        '--workers',
        '2',
      ]);
      expect(await dais.exited).toBe(1);
      expect(dais.output()).toContain('A worker failed to start');
    } finally {
      taken.close();
      await redis.stop();
      redis.remove();
    }
  });
});

describe('two apps on one Redis, each with its own connections', () => {
  let redis: TestRedis;
  let servers: TestServer[];
  beforeAll(async () => {
    redis = await startRedis();
    servers = [await startServer(redis.url), await startServer(redis.url)];
  });
  afterAll(async () => {
    disconnectAll();
    for (const server of servers ?? []) await server.close();
    await redis?.stop();
    redis?.remove();
  });

  it('tells the other app its moderators left when one app closes', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const event = await createEvent(a.url);
    const as = roles(event);
    const staying = await join(a.url, as.moderator('Mei'));
    const leavingSeen = next(staying.socket, 'presence:changed', (p) => p.presence.length === 2);
    await join(b.url, as.moderator('Tom'));
    await leavingSeen;

    const gone = next(staying.socket, 'presence:changed', (p) => p.presence.length === 1);
    await b.close();
    expect(names((await gone).presence)).toEqual(['Mei']);
    servers = [a];
  });
});
