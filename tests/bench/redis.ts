/**
 * `pnpm --silent bench:redis [--sizes 0,1000,10000,60000] [--window 3000] [--sockets 100] [--json]`
 *
 * What a question costs Redis, and how it grows with the event: Dais (createApp) runs
 * in its own process on a private redis-server; after a warm-up, for each of --sizes
 * a fresh event is filled with that many questions of the stream of stream.ts by
 * --sockets audience sockets (each submits its next question once the last is acked),
 * and the next --window questions are measured:
 * - Redis CPU per 1,000 questions (INFO cpu: used_cpu_user + used_cpu_sys), the
 *   submit script's own time (INFO commandstats) and the server process's CPU;
 * - round trips per question: with MONITOR on for the next 500 questions, every
 *   command a client sent (not those a script ran), by name.
 * With --limits counted the server checks its rate limits on every request (every
 * limit raised out of reach), as `pnpm start` does by default; else they are off.
 * Then redis-benchmark runs against the same redis-server: PING (a round trip and
 * nothing else), EVALSHA of a script that returns at once (the floor of any script
 * call), and EVALSHA of a script making the writes a stored question makes (its hash,
 * status and participant sets, askers, fingerprint, log entry, 34 LSH band sets)
 * without the near-duplicate search: Redis' ceiling for a call like ours, against
 * which the measured cost per question reads as "how far from the physical limit".
 * Not a test: it reports, it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { AckData, Result } from '@dais/shared';
import { disconnectAll, join, type Client } from '../harness/clients';
import { openEvent } from './fill';
import { bars } from './charts';
import { cpuSeconds, finish, machine, privateRedis, round } from './kit';
import { startServer } from './processes';
import { buildStream } from './stream';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '0,1000,10000,60000' },
    window: { type: 'string', default: '3000' },
    monitored: { type: 'string', default: '500' },
    sockets: { type: 'string', default: '100' },
    requests: { type: 'string', default: '200000' },
    limits: { type: 'string', default: 'off' },
    out: { type: 'string' },
    chart: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SIZES = options.sizes.split(',').map(Number);
const WINDOW = Number(options.window);
const MONITORED = Number(options.monitored);
const SOCKETS = Number(options.sockets);
const REQUESTS = Number(options.requests);
const MARKER = 'bench:end';

/** The writes of one stored question, without the near-duplicate search (see the header). */
const WRITES_OF_A_QUESTION = `
local id = KEYS[1]
redis.call('HMGET', 'w:meta', 'maxQuestionLength', 'open', 'endedAt', 'slowModeSeconds', 'configRev')
redis.call('HSET', 'w:q:' .. id, 'id', id, 'text', ARGV[1], 'publicText', ARGV[1], 'authorId', 'p' .. id,
  'authorName', '', 'status', 'pending', 'reason', '', 'reasons', '', 'askedBy', 1, 'votes', 0,
  'score', 1, 'pinned', 0, 'starred', 0, 'rev', 1, 'createdAt', 1, 'updatedAt', 1)
redis.call('ZADD', 'w:status:pending', 1, id)
redis.call('ZADD', 'w:p:' .. id, 1, id)
redis.call('SADD', 'w:askers:' .. id, 'p' .. id)
redis.call('HSET', 'w:fingerprints', id, ARGV[1])
redis.call('XADD', 'w:log', '*', 'type', 'question.submitted', 'question', id, 'actor', 'p' .. id)
for band = 1, 34 do redis.call('SADD', 'w:band:' .. band .. ':' .. (tonumber(id) % 4096), id) end
return 1`;

const machineAtStart = machine();
const redis = await privateRedis('redis');
const server = await startServer('dais', { REDIS_URL: redis.url, BENCH_LIMITS: options.limits });
const { admin } = redis;

const submit = (socket: Client, text: string) =>
  socket.timeout(120_000).emitWithAck('question:submit', { text }) as Promise<
    Result<AckData<'question:submit'>>
  >;

/** Every socket submits its next question as soon as the previous one is acked. */
async function flood(audience: readonly Client[], questions: readonly string[]) {
  let next = 0;
  await Promise.all(
    audience.map(async (socket) => {
      for (let i = next++; i < questions.length; i = next++) await submit(socket, questions[i]!);
    }),
  );
}

async function commandStats() {
  const text = await admin.info('commandstats');
  const stat = (command: string, name: 'calls' | 'usec') =>
    Number(new RegExp(`cmdstat_${command}:.*?${name}=(\\d+)`).exec(text)?.[1] ?? 0);
  return {
    scriptCalls: stat('evalsha', 'calls') + stat('eval', 'calls'),
    scriptUs: stat('evalsha', 'usec') + stat('eval', 'usec'),
    publishes: stat('publish', 'calls'),
  };
}

/** Commands sent by clients (not run by scripts) while `step` runs, by name. */
async function monitored(step: () => Promise<void>) {
  const monitor = await admin.monitor();
  const byCommand: Record<string, number> = {};
  let markerSeen = () => {};
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[0] === 'echo' && args[1] === MARKER) return markerSeen();
    if (source === 'lua') return;
    const name = (args[0] ?? '').toLowerCase();
    byCommand[name] = (byCommand[name] ?? 0) + 1;
  });
  await step();
  // MONITOR lines trail the commands a little: wait for a marker sent after them.
  await new Promise<void>((resolve) => {
    markerSeen = resolve;
    void admin.echo(MARKER);
  });
  monitor.disconnect();
  return byCommand;
}

/** One redis-benchmark run against our redis-server, and the Redis CPU it cost per request. */
async function redisBenchmark(name: string, args: string[]) {
  const before = await redis.cpu();
  const start = performance.now();
  const output = execFileSync(
    'redis-benchmark',
    ['-p', String(redis.port), '-q', '-n', String(REQUESTS), '-c', '50', ...args],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = (await redis.cpu()) - before;
  const lines = output.split(/\r|\n/).filter((line) => /requests per second/.test(line));
  const perSecond = Number(/([\d.]+) requests per second/.exec(lines.at(-1) ?? '')?.[1] ?? 0);
  return {
    name,
    command: `redis-benchmark -q -n ${REQUESTS} -c 50 ${args.join(' ')}`,
    requestsPerSecond: Math.round(perSecond),
    redisCpuUsPerRequest: round((cpu * 1e6) / REQUESTS, 2),
    /** Requests per second if Redis spent all of one core on them. */
    ceilingPerCoreSecond: Math.round(REQUESTS / cpu),
    seconds: round(seconds),
  };
}

/** An event with SOCKETS audience sockets joined to it. */
async function audienceOf(title: string) {
  const { event } = await openEvent(server.url, title);
  disconnectAll();
  return Promise.all(
    Array.from({ length: SOCKETS }, () =>
      join(server.url, { code: event.code, role: 'audience' }).then((j) => j.socket),
    ),
  );
}

const checkpoints = [];
let benchmarks;
try {
  // Warm-up on an event of its own: the server's JIT, Redis' script cache and dictionaries.
  await flood(await audienceOf('Warm-up'), buildStream(2000, 3));
  disconnectAll();
  for (const size of SIZES) {
    // A fresh event per size, filled with the same stream up to it.
    const audience = await audienceOf(`Redis benchmark, ${size}`);
    const stream = buildStream(size + WINDOW + MONITORED, 5);
    await flood(audience, stream.slice(0, size));
    const cpuBefore = await redis.cpu();
    const statsBefore = await commandStats();
    const serverBefore = cpuSeconds(server.pid);
    const start = performance.now();
    await flood(audience, stream.slice(size, size + WINDOW));
    const seconds = (performance.now() - start) / 1000;
    const cpu = (await redis.cpu()) - cpuBefore;
    const statsAfter = await commandStats();
    const serverCpu = cpuSeconds(server.pid) - serverBefore;
    const byCommand = await monitored(() => flood(audience, stream.slice(size + WINDOW)));
    const sent = Object.values(byCommand).reduce((a, b) => a + b, 0);
    checkpoints.push({
      eventSize: size,
      questions: WINDOW,
      questionsPerSecond: Math.round(WINDOW / seconds),
      redisCpuMsPer1000: round((cpu * 1e6) / WINDOW, 1),
      scriptCallsPerQuestion: round((statsAfter.scriptCalls - statsBefore.scriptCalls) / WINDOW, 3),
      scriptUsPerQuestion: round((statsAfter.scriptUs - statsBefore.scriptUs) / WINDOW, 1),
      publishesPerQuestion: round((statsAfter.publishes - statsBefore.publishes) / WINDOW, 2),
      serverCpuMsPerQuestion: round((serverCpu * 1000) / WINDOW, 3),
      roundTrips: {
        questions: MONITORED,
        commandsPerQuestion: round(sent / MONITORED, 3),
        byCommand: Object.fromEntries(
          Object.entries(byCommand)
            .sort((a, b) => b[1] - a[1])
            .map(([name, n]) => [name, round(n / MONITORED, 3)]),
        ),
      },
    });
    disconnectAll();
  }

  const writesSha = await admin.script('LOAD', WRITES_OF_A_QUESTION);
  const noopSha = await admin.script('LOAD', 'return 1');
  const text = 'What can we do about child refugees in 2024? Thank you for coming!';
  benchmarks = [
    await redisBenchmark('PING', ['-t', 'ping_mbulk']),
    await redisBenchmark('SET', ['-t', 'set', '-r', '100000']),
    await redisBenchmark('EVALSHA return 1', ['evalsha', noopSha as string, '0']),
    await redisBenchmark('EVALSHA the writes of a question', [
      '-r',
      '1000000000',
      'evalsha',
      writesSha as string,
      '1',
      '__rand_int__',
      text,
    ]),
  ];
} finally {
  disconnectAll();
  await server.stop();
  await redis.stop();
}

const writes = benchmarks.at(-1)!;
const figures = {
  checkpoints: checkpoints.map((c) => ({
    ...c,
    /** Questions per second Redis could take with one core all theirs, at this cost. */
    redisCeilingPerSecond: Math.round(1e6 / c.redisCpuMsPer1000),
    // ms per 1,000 questions is µs per question.
    vsWritesOnly: round(c.redisCpuMsPer1000 / writes.redisCpuUsPerRequest, 1),
  })),
  redisBenchmark: benchmarks,
};
await finish(
  'redis',
  machineAtStart,
  figures,
  options,
  ({ checkpoints, redisBenchmark }) => {
    for (const c of checkpoints) {
      console.log(
        `event of ${c.eventSize}: ${c.roundTrips.commandsPerQuestion} commands/question ${JSON.stringify(c.roundTrips.byCommand)}; script ${c.scriptUsPerQuestion} µs/question; Redis CPU ${c.redisCpuMsPer1000} ms per 1,000 questions (ceiling ${c.redisCeilingPerSecond}/s on one core; ${c.vsWritesOnly}× the writes alone); server ${c.serverCpuMsPerQuestion} ms/question; ${c.questionsPerSecond} questions/s`,
      );
    }
    for (const b of redisBenchmark) {
      console.log(
        `${b.name.padEnd(34)} ${b.requestsPerSecond}/s; Redis CPU ${b.redisCpuUsPerRequest} µs/request (ceiling ${b.ceilingPerCoreSecond}/s per core)`,
      );
    }
  },
  ({ checkpoints, redisBenchmark }) => ({
    title: 'Redis CPU per request: a Dais question against redis-benchmark',
    panels: [
      bars('Redis CPU per request', 'µs (lower is better)', [
        ...checkpoints.map((c) => ({
          label: `a question, event of ${c.eventSize}`,
          series: 'Dais',
          value: c.redisCpuMsPer1000,
        })),
        ...redisBenchmark.map((b) => ({
          label: b.name,
          series: 'redis-benchmark',
          value: b.redisCpuUsPerRequest,
        })),
      ]),
    ],
  }),
);
process.exit(0);
