/**
 * `pnpm --silent bench:ingest [--questions 20000] [--sockets 200] [--rate 1000] [--json]`:
 * the full ingest pipeline in one process against a real redis-server: audience
 * sockets submit the moderation benchmark's stream (tests/bench/stream.ts: 40% asked
 * again in other words) through socket.io, the server validates, applies the intake
 * controls, filters, deduplicates, stores and broadcasts to a moderator socket.
 *
 * 1. Round trips: with MONITOR on, the first questions are submitted under the same
 *    concurrency; every command a client sent (not those a script ran) is counted.
 * 2. Throughput: a fresh event, no MONITOR; every socket submits its next question
 *    as soon as the previous one is acked, until all are in and the moderator has
 *    heard of each. Redis CPU (INFO cpu) and script calls (INFO commandstats) per
 *    question are read around it. Then, on the same event (now holding them all),
 *    1,000 more one at a time from one socket: the ack latency with no queue, and
 *    Redis CPU per question again (a figure that a busy machine blurs least).
 * 3. Latency at a fixed rate: --rate questions/s for 10 s, ack latency percentiles.
 * 4. A crowd asking alike: every socket asks its own wording of the same 20 questions,
 *    each about one of 100 years, all at once: near-duplicates (same year) and merely
 *    similar questions (another year: a question of its own that shares most LSH
 *    bands); how many are acked, and how.
 *
 * The clients run in the same process as the server, so the throughput is a lower
 * bound of the server's. The flood guards run with limits no client reaches. Not a test: it reports, it asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createApp, silentLogger, startEmbeddedRedis } from '@dais/server';
import type { AckData, Result } from '@dais/shared';
import { createEvent, join, type Client } from '../harness/clients';
import { buildStream, TOPICS_EN } from './stream';

const { values: options } = parseArgs({
  options: {
    questions: { type: 'string', default: '20000' },
    sockets: { type: 'string', default: '200' },
    monitored: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '1000' },
    'rate-seconds': { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const QUESTIONS = Number(options.questions);
const SOCKETS = Number(options.sockets);
const MONITORED = Math.min(Number(options.monitored), QUESTIONS);
const RATE = Number(options.rate);
const RATE_SECONDS = Number(options['rate-seconds']);
const MARKER = 'bench:end';
const ALONE = 1000;

const CROWD_TOPICS = [
  ...TOPICS_EN,
  'malaria nets',
  'youth unemployment',
  'birth registration',
  'school dropouts',
  'air pollution',
];
const OPENERS = ['', 'Hi! ', 'Big fan here. ', 'Hello from Chengdu. ', 'Quick question: '];
const ENDINGS = ['?', '??', '', '? Thanks!'];

const stream = buildStream(QUESTIONS);
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

const dir = mkdtempSync(joinPath(tmpdir(), 'dais-bench-ingest-'));
const redisServer = await startEmbeddedRedis(dir);
const redis = new Redis(redisServer.url);
// The flood guards run (their Redis calls are part of the pipeline) but never refuse:
// 200 sockets of one address ask far faster than a participant may.
const UNLIMITED = { points: 1e9, seconds: 60 };
const app = await createApp({
  redis,
  logger: silentLogger,
  config: {
    limits: {
      connectionsPerIp: 0,
      submitPerParticipant: UNLIMITED,
      submitPerIp: UNLIMITED,
      joinPerIp: UNLIMITED,
      participantsPerIp: UNLIMITED,
    },
  },
});
const url = await app.listen(0, '127.0.0.1');
const admin = new Redis(redisServer.url);

/** An event with a moderator socket that counts new questions, and the audience sockets. */
async function openEvent(sockets: number) {
  const event = await createEvent(url, 'Ingest benchmark');
  const moderator = await join(url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  let heard = 0;
  let onHeard = () => {};
  moderator.socket.on('question:changed', ({ change }) => {
    if (change !== 'submitted') return;
    heard++;
    onHeard();
  });
  const audience: Client[] = [];
  for (let i = 0; i < sockets; i += 50) {
    const batch = Math.min(50, sockets - i);
    const joined = await Promise.all(
      Array.from({ length: batch }, () => join(url, { code: event.code, role: 'audience' })),
    );
    audience.push(...joined.map((j) => j.socket));
  }
  /** Resolves once the moderator has heard of `count` new questions. */
  const moderatorHeard = (count: number) =>
    new Promise<void>((resolve) => {
      onHeard = () => heard >= count && resolve();
      onHeard();
    });
  const close = () => [moderator.socket, ...audience].forEach((s) => s.disconnect());
  return { audience, moderatorHeard, close };
}

/** Submits a question; a slow ack is measured, not dropped (a loaded machine may take seconds). */
const submit = (socket: Client, text: string) =>
  socket.timeout(120_000).emitWithAck('question:submit', { text }) as Promise<
    Result<AckData<'question:submit'>>
  >;

/** Acks by outcome: 'ok' or the error code. */
type Outcomes = Record<string, number>;
const count = (outcomes: Outcomes, key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);

/** Every socket submits its next question as soon as the previous one is acked. */
async function flood(audience: readonly Client[], questions: readonly string[]) {
  const outcomes: Outcomes = {};
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    audience.map(async (socket) => {
      for (let i = next++; i < questions.length; i = next++) {
        const start = performance.now();
        const ack = await submit(socket, questions[i]!);
        latencies.push(performance.now() - start);
        count(outcomes, ack.ok ? 'ok' : ack.error);
      }
    }),
  );
  return { outcomes, latencies: latencies.sort((a, b) => a - b) };
}

/** Submits the questions one after another from one socket. */
async function oneAtATime(socket: Client, questions: readonly string[]) {
  const latencies: number[] = [];
  for (const text of questions) {
    const start = performance.now();
    await submit(socket, text);
    latencies.push(performance.now() - start);
  }
  return { latencies: latencies.sort((a, b) => a - b) };
}

/** A command's name; a script call says whether it is a flood guard's (rate-limiter-flexible). */
function commandName([name = '', , , firstKey = '']: string[]) {
  const command = name.toLowerCase();
  if (command !== 'evalsha' && command !== 'eval') return command;
  return firstKey.startsWith('dais:limit:') ? `${command} (rate limit)` : command;
}

/** Commands sent by clients (not run by scripts) while `step` runs, in total and by name. */
async function monitored<T>(step: () => Promise<T>) {
  const monitor = await admin.monitor();
  const byCommand: Record<string, number> = {};
  let fromClients = 0;
  let fromScripts = 0;
  let markerSeen = () => {};
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[0] === 'echo' && args[1] === MARKER) return markerSeen();
    if (source === 'lua') {
      fromScripts++;
    } else {
      fromClients++;
      count(byCommand, commandName(args));
    }
  });
  const result = await step();
  // MONITOR lines trail the commands a little: wait for a marker sent after them.
  await new Promise<void>((resolve) => {
    markerSeen = resolve;
    void admin.echo(MARKER);
  });
  monitor.disconnect();
  return { result, fromClients, fromScripts, byCommand };
}

const perQuestion = (byCommand: Record<string, number>, questions: number) =>
  Object.fromEntries(
    Object.entries(byCommand)
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => [name, round(n / questions, 3)]),
  );

async function redisStats() {
  const [cpu, commands] = await Promise.all([admin.info('cpu'), admin.info('commandstats')]);
  const field = (text: string, name: string) =>
    Number(new RegExp(`${name}:([\\d.]+)`).exec(text)?.[1] ?? 0);
  const stat = (command: string, name: 'calls' | 'usec') =>
    Number(new RegExp(`cmdstat_${command}:.*?${name}=(\\d+)`).exec(commands)?.[1] ?? 0);
  return {
    cpuSeconds: field(cpu, 'used_cpu_user') + field(cpu, 'used_cpu_sys'),
    scriptCalls: stat('evalsha', 'calls') + stat('eval', 'calls'),
    scriptUs: stat('evalsha', 'usec') + stat('eval', 'usec'),
  };
}

try {
  // 1. Round trips per question, under the same concurrency.
  const first = await openEvent(SOCKETS);
  const trips = await monitored(() => flood(first.audience, stream.slice(0, MONITORED)));
  first.close();

  // 2. Sustained throughput.
  const second = await openEvent(SOCKETS);
  const before = await redisStats();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const run = await flood(second.audience, stream);
  await second.moderatorHeard(run.outcomes.ok ?? 0);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const after = await redisStats();
  const alone = await oneAtATime(second.audience[0]!, buildStream(ALONE, 11));
  const afterAlone = await redisStats();
  second.close();

  // 3. Ack latency at a fixed rate, on a fresh event.
  const third = await openEvent(SOCKETS);
  const paced = await atRate(third.audience, buildStream(RATE * RATE_SECONDS, 7));
  third.close();

  // 4. Everyone asks the same 20 questions at once: timed, then again under MONITOR.
  const fourth = await openEvent(SOCKETS);
  const crowdStart = performance.now();
  const crowd = await crowdAsking(fourth.audience);
  const crowdSeconds = (performance.now() - crowdStart) / 1000;
  fourth.close();
  const fifth = await openEvent(SOCKETS);
  const crowdTrips = await monitored(() => crowdAsking(fifth.audience));
  fifth.close();

  const report = {
    questions: QUESTIONS,
    sockets: SOCKETS,
    outcomes: run.outcomes,
    questionsPerSecond: round(QUESTIONS / seconds, 0),
    ackP50Ms: round(percentile(run.latencies, 50)),
    ackP99Ms: round(percentile(run.latencies, 99)),
    nodeCpuMsPerQuestion: round((cpu.user + cpu.system) / 1000 / QUESTIONS, 3),
    redisCpuMsPer1000: round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / QUESTIONS, 1),
    scriptCallsPerQuestion: round((after.scriptCalls - before.scriptCalls) / QUESTIONS, 3),
    scriptUsPerQuestion: round((after.scriptUs - before.scriptUs) / QUESTIONS),
    alone: {
      questions: ALONE,
      ackP50Ms: round(percentile(alone.latencies, 50), 2),
      ackP99Ms: round(percentile(alone.latencies, 99), 2),
      redisCpuUsPerQuestion: round(((afterAlone.cpuSeconds - after.cpuSeconds) * 1e6) / ALONE),
      scriptUsPerQuestion: round((afterAlone.scriptUs - after.scriptUs) / ALONE),
    },
    monitored: {
      questions: MONITORED,
      outcomes: trips.result.outcomes,
      commandsPerQuestion: round(trips.fromClients / MONITORED, 3),
      scriptCommandsPerQuestion: round(trips.fromScripts / MONITORED, 1),
      byCommand: perQuestion(trips.byCommand, MONITORED),
    },
    paced: {
      rate: RATE,
      seconds: RATE_SECONDS,
      outcomes: paced.outcomes,
      ackP50Ms: round(percentile(paced.latencies, 50)),
      ackP99Ms: round(percentile(paced.latencies, 99)),
    },
    crowd: {
      questions: crowd.asked,
      outcomes: crowd.outcomes,
      questionsPerSecond: round(crowd.asked / crowdSeconds, 0),
      ackP99Ms: round(percentile(crowd.latencies, 99)),
      commandsPerQuestion: round(crowdTrips.fromClients / crowd.asked, 3),
      byCommand: perQuestion(crowdTrips.byCommand, crowd.asked),
    },
  };
  if (options.json) console.log(JSON.stringify(report));
  else print(report);
} finally {
  await app.close();
  redis.disconnect();
  admin.disconnect();
  await redisServer.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Socket s asks, in order, its own wording of each of the 20 questions, about its year. */
async function crowdAsking(audience: readonly Client[]) {
  const outcomes: Outcomes = {};
  const latencies: number[] = [];
  await Promise.all(
    audience.map(async (socket, s) => {
      const opener = OPENERS[s % OPENERS.length]!;
      const ending = ENDINGS[Math.floor(s / OPENERS.length) % ENDINGS.length]!;
      for (const topic of CROWD_TOPICS) {
        const text = `${opener}What can we do about ${topic} in ${1900 + (s % 100)}${ending}`;
        const start = performance.now();
        const ack = await submit(socket, text);
        latencies.push(performance.now() - start);
        count(outcomes, ack.ok ? 'ok' : ack.error);
      }
    }),
  );
  return {
    asked: audience.length * CROWD_TOPICS.length,
    outcomes,
    latencies: latencies.sort((a, b) => a - b),
  };
}

/** Sends `questions` at RATE per second (in 10 ms ticks), round robin over the sockets. */
async function atRate(audience: readonly Client[], questions: readonly string[]) {
  const outcomes: Outcomes = {};
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < questions.length) {
    const due = Math.min(questions.length, Math.floor(((performance.now() - start) / 1000) * RATE));
    for (; sent < due; sent++) {
      const socket = audience[sent % audience.length]!;
      const scheduled = start + (sent / RATE) * 1000;
      pending.push(
        submit(socket, questions[sent]!).then((ack) => {
          latencies.push(performance.now() - scheduled);
          count(outcomes, ack.ok ? 'ok' : ack.error);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(pending);
  return { outcomes, latencies: latencies.sort((a, b) => a - b) };
}

function print(report: {
  questions: number;
  sockets: number;
  outcomes: Outcomes;
  questionsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  nodeCpuMsPerQuestion: number;
  redisCpuMsPer1000: number;
  scriptCallsPerQuestion: number;
  scriptUsPerQuestion: number;
  alone: {
    questions: number;
    ackP50Ms: number;
    ackP99Ms: number;
    redisCpuUsPerQuestion: number;
    scriptUsPerQuestion: number;
  };
  monitored: {
    questions: number;
    outcomes: Outcomes;
    commandsPerQuestion: number;
    scriptCommandsPerQuestion: number;
    byCommand: Record<string, number>;
  };
  paced: { rate: number; seconds: number; outcomes: Outcomes; ackP50Ms: number; ackP99Ms: number };
  crowd: {
    questions: number;
    outcomes: Outcomes;
    questionsPerSecond: number;
    ackP99Ms: number;
    commandsPerQuestion: number;
    byCommand: Record<string, number>;
  };
}) {
  const { monitored: m, paced: p, crowd: c, alone: a } = report;
  console.log(`${report.questions} questions from ${report.sockets} sockets, one process`);
  console.log(
    `sustained          ${report.questionsPerSecond} questions/s (acked and heard by the moderator)`,
  );
  console.log(`ack latency        p50 ${report.ackP50Ms} ms   p99 ${report.ackP99Ms} ms (flooded)`);
  console.log(`outcomes           ${JSON.stringify(report.outcomes)}`);
  console.log(
    `Redis round trips  ${m.commandsPerQuestion} commands/question (${JSON.stringify(m.byCommand)}), over ${m.questions} questions; outcomes ${JSON.stringify(m.outcomes)}`,
  );
  console.log(`inside scripts     ${m.scriptCommandsPerQuestion} commands/question`);
  console.log(
    `script calls       ${report.scriptCallsPerQuestion}/question, ${report.scriptUsPerQuestion} µs of Redis time/question (commandstats)`,
  );
  console.log(
    `CPU                Redis ${report.redisCpuMsPer1000} ms per 1,000 questions; Node (server and clients) ${report.nodeCpuMsPerQuestion} ms/question`,
  );
  console.log(
    `one at a time      ${a.questions} more: ack p50 ${a.ackP50Ms} ms   p99 ${a.ackP99Ms} ms; Redis ${a.redisCpuUsPerQuestion} µs CPU, ${a.scriptUsPerQuestion} µs in scripts per question`,
  );
  console.log(
    `at ${p.rate}/s for ${p.seconds} s  ack p50 ${p.ackP50Ms} ms   p99 ${p.ackP99Ms} ms; outcomes ${JSON.stringify(p.outcomes)}`,
  );
  console.log(
    `crowd asking alike ${c.questions} questions, ${c.questionsPerSecond}/s, ack p99 ${c.ackP99Ms} ms; outcomes ${JSON.stringify(c.outcomes)}`,
  );
  console.log(
    `  its round trips  ${c.commandsPerQuestion} commands/question (${JSON.stringify(c.byCommand)})`,
  );
}
