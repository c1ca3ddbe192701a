/**
 * `pnpm --silent bench:scale [--suite ingest,sweep,votes,workers] [--event-size 0]
 *  [--duration 20] [--rates 1000,1500,…] [--workers 1,2] [--json]`
 *
 * Dais over real sockets, as `pnpm start --workers N` runs it (server/src/main.ts, rate
 * limits off: the load comes from one machine) on a private redis-server, loaded by
 * the load tool (`pnpm load`, tests/load) with its JSON report; the server's processes'
 * and Redis' CPU are read from /proc around each run, the tool's own CPU comes from
 * its report. Everything shares the machine's cores.
 *
 * A question or vote is *handled* when its answer decides it: ok, or a refusal such as
 * the filter's REJECTED; UNAVAILABLE (Redis slower than the 2 s command timeout),
 * INTERNAL, RATE_LIMITED and TIMEOUT are *failed*.
 *
 * Suites:
 * - ingest: questions at --latency-rate (1,000/s) for --duration: ack p50/p99.
 * - sweep: questions at each of --rates, a fresh event each, until two rates in a row
 *   are not sustained (sustained: every question handled, none dropped by the tool or
 *   failed, at ≥ 97% of the offered rate, p99 ack < 500 ms).
 * - votes: the vote storm (--vote-rate over --vote-audience sockets on 20 approved
 *   questions); two observer sockets record every votes:changed (batch sizes, spacing)
 *   and every message an audience socket receives. 2,000 sockets by default: the rate
 *   needs no more, and every socket.io-client socket of the tool decodes each batch
 *   (four a second), which would leave the tool, not the server, the limit.
 * - workers: the sweep against `--workers 1` and `--workers 2` (--workers), one after
 *   the other: the highest sustained rate of each, and their server CPU per question.
 * With --event-size N the event of ingest and votes holds N questions first (fill.ts:
 * submitted over sockets, one in 50 pending leaders approved).
 * Not a test: it reports, it asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ServerToClientEvents } from '@dais/shared';
import { disconnectAll, join } from '../harness/clients';
import { startDaisProcess, workerPids } from '../harness/processes';
import { clock } from '../load/connection';
import { LoadReportSchema, stats, type LoadReport } from '../load/report';
import { fillEvent, openEvent } from './fill';
import { lines } from './charts';
import { cpuSeconds, finish, machine, privateRedis, REPO, round } from './kit';

const { values: options } = parseArgs({
  options: {
    suite: { type: 'string', default: 'ingest,sweep,votes,workers' },
    'event-size': { type: 'string', default: '0' },
    duration: { type: 'string', default: '20' },
    'latency-rate': { type: 'string', default: '1000' },
    rates: { type: 'string', default: '1000,1500,2000,2500,3000,3500,4000,5000,6000' },
    'vote-rate': { type: 'string', default: '10000' },
    'vote-audience': { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1,2' },
    audience: { type: 'string', default: '200' },
    out: { type: 'string' },
    chart: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const SUITES = new Set(options.suite.split(','));
const EVENT_SIZE = Number(options['event-size']);
const DURATION = Number(options.duration);
const AUDIENCE = Number(options.audience);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const OUT = options.out ?? `${REPO}/.data/bench/scale-${stamp}`;
mkdirSync(OUT, { recursive: true });
const LOAD_MAIN = fileURLToPath(new URL('../load/main.ts', import.meta.url));

const machineAtStart = machine();
const redis = await privateRedis('scale');

/**
 * Dais as `pnpm start --workers N` runs it (server/src/main.ts, node:cluster behind one
 * port when N > 1) on the private Redis, without rate limits (DAIS_LIMITS=off: the load
 * comes from one machine); its processes' pids (the primary's and the workers').
 */
async function startDais(workers: number) {
  const dais = startDaisProcess({ REDIS_URL: redis.url, DAIS_LIMITS: 'off' }, [
    '--workers',
    String(workers),
  ]);
  const url = (await dais.url()).replace('localhost', '127.0.0.1');
  const primary = dais.child.pid!;
  const pids = workers > 1 ? [primary, ...workerPids(primary)] : [primary];
  return { url, pids, stop: dais.stop };
}

/** An event on `url` holding EVENT_SIZE questions, and its moderator key. */
async function preparedEvent(url: string, size = EVENT_SIZE) {
  const { event, moderator } = await openEvent(url, 'Scale benchmark');
  const filled = await fillEvent(url, event, moderator, size);
  moderator.disconnect();
  return { code: event.code, moderatorKey: event.moderatorKey, size, public: filled.public };
}

/**
 * One `pnpm load` run against an existing event, with the server's and Redis' CPU
 * measured around it; `observe` runs alongside (observer sockets of the caller).
 */
async function load(
  name: string,
  target: { url: string; pids: number[] },
  event: { code: string; moderatorKey: string },
  shape: Record<string, number>,
) {
  const report = joinPath(OUT, `${name}.json`);
  const args = [
    `--target=${target.url}`,
    `--event=${event.code}`,
    `--moderator-key=${event.moderatorKey}`,
    ...Object.entries(shape).map(([flag, value]) => `--${flag}=${value}`),
    `--watch-pid=${[...target.pids, redis.pid].join(',')}`,
    '--quiet',
    `--report=${report}`,
    `--chart=${report.replace(/\.json$/, '.svg')}`,
  ];
  const cpuBefore = target.pids.map(cpuSeconds);
  const redisBefore = cpuSeconds(redis.pid);
  const forksBefore = await redis.forks();
  const loadAverage = loadavg().map((n) => round(n, 2));
  const started = clock();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, LOAD_MAIN, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pnpm load: ${code}`))));
  });
  const wall = (clock() - started) / 1000;
  const parsed = LoadReportSchema.parse(JSON.parse(readFileSync(report, 'utf8')));
  const serverCpu = target.pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]!);
  // The load phase alone (no joins, no ramp-up): the tool samples the watched pids every second.
  const loadPoints = parsed.series.filter((p) => p.phase === 'load');
  const sampled = (pids: number[]) =>
    loadPoints.reduce(
      (sum, p) => sum + pids.reduce((n, pid) => n + (p.watchedCpuPercent[pid] ?? 0), 0),
      0,
    ) / 100;
  const loadAcks = loadPoints.reduce((sum, p) => sum + p.acks, 0);
  return {
    report: parsed,
    file: report,
    command: `pnpm load ${args.filter((a) => !a.startsWith('--moderator-key')).join(' ')} --moderator-key=…`,
    loadAverage,
    cpu: {
      wallSeconds: round(wall),
      serverSeconds: serverCpu.map((s) => round(s, 2)),
      redisSeconds: round(cpuSeconds(redis.pid) - redisBefore, 2),
      toolPercentOfMachine: parsed.tool.cpuPercentOfMachine,
      /** AOF rewrites Redis forked during the run (the child's CPU is in none of the above). */
      aofRewrites: (await redis.forks()) - forksBefore,
    },
    /** CPU per request answered in the load phase (sampled each second), in ms. */
    perRequestMs: {
      server: round((sampled(target.pids) * 1000) / Math.max(1, loadAcks), 3),
      redis: round((sampled([redis.pid]) * 1000) / Math.max(1, loadAcks), 3),
    },
  };
}

/** Answers that mean the server did not handle the request (shed it or lost it). */
const FAILURES = new Set(['TIMEOUT', 'UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

/**
 * What became of one kind of request in a load report: `handled` are the answers that
 * decide it (ok, or a refusal such as the filter's REJECTED), `failed` the rest.
 */
function outcomes(report: LoadReport, operation: 'submit' | 'vote') {
  const refused = Object.fromEntries(
    Object.entries(report.errors).filter(([key]) => key.startsWith(`${operation}:`)),
  );
  let failed = 0;
  let decided = 0;
  for (const [key, count] of Object.entries(refused)) {
    if (FAILURES.has(key.slice(operation.length + 1))) failed += count;
    else decided += count;
  }
  const handled = (report.counts[`${operation}.ok`] ?? 0) + decided;
  const busy = report.phases.load + report.phases.drain;
  return {
    sent: report.counts[`${operation}.sent`] ?? 0,
    handled,
    failed,
    dropped: report.counts[`${operation}.dropped`] ?? 0,
    refused,
    handledPerSecond: Math.round(handled / busy),
  };
}

/** Question figures of a load report: what was asked, handled, and how fast. */
function questionFigures(report: LoadReport, offeredRate: number) {
  return {
    offeredRate,
    ...outcomes(report, 'submit'),
    loadSeconds: report.phases.load,
    drainSeconds: report.phases.drain,
    ack: report.latency.submit ?? null,
    warnings: report.warnings,
  };
}

const questionShape = (rate: number, audience = AUDIENCE) => ({
  audience,
  'question-rate': rate,
  'vote-rate': 0,
  duration: DURATION,
  'ramp-up': 2,
  moderators: 1,
  'moderator-rate': 0,
  'fanout-sample': 0,
});

async function ingestAtRate() {
  const rate = Number(options['latency-rate']);
  const server = await startDais(1);
  try {
    const event = await preparedEvent(server.url);
    const run = await load(`ingest-${rate}`, server, event, questionShape(rate));
    return {
      event: { size: event.size, public: event.public },
      ...summary(run),
      ...questionFigures(run.report, rate),
    };
  } finally {
    await server.stop();
  }
}

const summary = (run: Awaited<ReturnType<typeof load>>) => ({
  command: run.command,
  report: run.file,
  loadAverageAtStart: run.loadAverage,
  cpu: run.cpu,
  cpuMsPerRequest: run.perRequestMs,
});

/** Sustained: all handled, none dropped or failed, at ≥ 97% of the offered rate, p99 ack < 500 ms. */
const sustained = (f: ReturnType<typeof questionFigures>) =>
  f.dropped === 0 &&
  f.failed === 0 &&
  f.handled >= f.sent &&
  f.handledPerSecond >= 0.97 * f.offeredRate &&
  (f.ack?.p99 ?? Infinity) < 500;

/**
 * Questions at each of --rates against `pnpm start --workers N`, a fresh event each,
 * until two rates in a row are not sustained.
 */
async function sweep(workers = 1) {
  const rates = options.rates.split(',').map(Number);
  const server = await startDais(workers);
  const runs = [];
  try {
    let misses = 0;
    for (const rate of rates) {
      const event = await preparedEvent(server.url, 0);
      const run = await load(`sweep-w${workers}-${rate}`, server, event, questionShape(rate));
      const figures = questionFigures(run.report, rate);
      const held = sustained(figures);
      runs.push({ ...summary(run), ...figures, sustained: held });
      misses = held ? 0 : misses + 1;
      if (misses === 2) break;
    }
  } finally {
    await server.stop();
  }
  return {
    workers,
    maxSustainedRate: runs.filter((r) => r.sustained).at(-1)?.offeredRate ?? 0,
    peakHandledPerSecond: Math.max(...runs.map((r) => r.handledPerSecond)),
    runs,
  };
}

type VotesChanged = Parameters<ServerToClientEvents['votes:changed']>[0];

async function voteStorm() {
  const server = await startDais(1);
  try {
    const event = await preparedEvent(server.url);
    // Observers: one audience socket and one moderator socket, as a phone and a board.
    const audience = await join(server.url, { code: event.code, role: 'audience' });
    const moderator = await join(server.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const batches: { at: number; size: number }[] = [];
    const received: number[] = [];
    audience.socket.on('votes:changed', ({ updates }: VotesChanged) =>
      batches.push({ at: clock(), size: updates.length }),
    );
    audience.socket.onAny(() => received.push(clock()));
    const moderatorBatches: number[] = [];
    moderator.socket.on('votes:changed', () => moderatorBatches.push(clock()));

    const rate = Number(options['vote-rate']);
    const run = await load('votes', server, event, {
      audience: Number(options['vote-audience']),
      'question-rate': 1,
      'vote-rate': rate,
      duration: DURATION,
      'ramp-up': Math.max(5, Number(options['vote-audience']) / 500),
      moderators: 1,
      'moderator-rate': 1,
      'initial-questions': 20,
      'fanout-sample': 0,
    });
    const { report } = run;
    // The load phase on the shared clock: the tool's report counts seconds from its start.
    const loadStart =
      Date.parse(report.startedAt) + (report.phases.setup + report.phases['ramp-up']) * 1000;
    const loadEnd = loadStart + report.phases.load * 1000;
    const inLoad = (at: number) => at >= loadStart && at < loadEnd;
    const loadBatches = batches.filter((b) => inLoad(b.at));
    const gaps = loadBatches.slice(1).map((b, i) => b.at - loadBatches[i]!.at);
    return {
      event: { size: event.size, public: event.public },
      ...summary(run),
      offeredRate: rate,
      ...outcomes(report, 'vote'),
      votesOkPerSecond: report.rates.votesOk,
      ack: report.latency.vote ?? null,
      batches: {
        perSecond: round(loadBatches.length / report.phases.load, 2),
        size: stats(loadBatches.map((b) => b.size)),
        gapMs: stats(gaps),
        moderatorPerSecond: round(moderatorBatches.filter(inLoad).length / report.phases.load, 2),
      },
      audienceMessagesPerSecond: round(received.filter(inLoad).length / report.phases.load, 2),
      warnings: report.warnings,
    };
  } finally {
    disconnectAll();
    await server.stop();
  }
}

/** The sweep against each --workers count, one after the other. */
async function workersSideBySide() {
  const sweeps = [];
  for (const workers of options.workers.split(',').map(Number)) sweeps.push(await sweep(workers));
  const [one, two] = sweeps;
  return {
    sweeps,
    sustainedRatio: one && two ? round(two.maxSustainedRate / one.maxSustainedRate, 2) : null,
    peakRatio: one && two ? round(two.peakHandledPerSecond / one.peakHandledPerSecond, 2) : null,
    /** CPU per question at the first rate, where every process count keeps up. */
    cpuAtFirstRate: sweeps.map((w) => ({
      workers: w.workers,
      rate: w.runs[0]?.offeredRate,
      msPerQuestion: w.runs[0]?.cpuMsPerRequest,
    })),
  };
}

const results: {
  ingest?: Awaited<ReturnType<typeof ingestAtRate>>;
  sweep?: Awaited<ReturnType<typeof sweep>>;
  votes?: Awaited<ReturnType<typeof voteStorm>>;
  workers?: Awaited<ReturnType<typeof workersSideBySide>>;
} = {};
try {
  if (SUITES.has('ingest')) results.ingest = await ingestAtRate();
  if (SUITES.has('sweep')) results.sweep = await sweep(1);
  if (SUITES.has('votes')) results.votes = await voteStorm();
  if (SUITES.has('workers')) results.workers = await workersSideBySide();
} finally {
  disconnectAll();
  await redis.stop();
}

const figures = { eventSize: EVENT_SIZE, durationSeconds: DURATION, ...results };
await finish(
  'scale',
  machineAtStart,
  figures,
  { out: joinPath(OUT, 'result.json'), chart: options.chart, json: options.json },
  print,
  chart,
);

/** The sweeps (one line per process count); each load run has its own chart next to its report. */
function chart({ sweep, workers }: typeof figures) {
  const sweeps = workers?.sweeps ?? (sweep ? [sweep] : []);
  const label = (n: number) => `${n} server process${n > 1 ? 'es' : ''}`;
  if (sweeps.length === 0) return { title: '', panels: [] };
  return {
    title: `Dais over real sockets: questions against the rate offered`,
    panels: [
      lines(
        'Questions handled per second',
        'questions/s offered',
        'handled/s',
        sweeps.flatMap((w) =>
          w.runs.map((r) => ({
            x: r.offeredRate,
            series: label(w.workers),
            value: r.handledPerSecond,
          })),
        ),
      ),
      lines(
        'Ack latency, p99',
        'questions/s offered',
        'ms',
        sweeps.flatMap((w) =>
          w.runs.flatMap((r) =>
            r.ack ? [{ x: r.offeredRate, series: label(w.workers), value: r.ack.p99 }] : [],
          ),
        ),
      ),
    ],
  };
}

function print({ ingest, sweep, votes, workers }: typeof figures) {
  const ms = (s: { p50: number; p99: number } | null) =>
    s ? `p50 ${s.p50} ms, p99 ${s.p99} ms` : '-';
  const cpu = (c: {
    serverSeconds: number[];
    redisSeconds: number;
    toolPercentOfMachine: number;
    wallSeconds: number;
    aofRewrites: number;
  }) =>
    `CPU s: server ${c.serverSeconds.join('+')}, Redis ${c.redisSeconds} over the ${c.wallSeconds} s run; load tool ${c.toolPercentOfMachine}% of the machine; ${c.aofRewrites} AOF rewrites`;
  const warn = (warnings: string[]) => warnings.map((w) => `    ! ${w}`);
  const lines: string[] = [];
  const sweepLines = (s: NonNullable<typeof sweep>) => {
    for (const run of s.runs) {
      lines.push(
        `--workers ${s.workers} at ${run.offeredRate}/s: ${run.handledPerSecond}/s handled, ${run.failed} failed, ${run.dropped} dropped by the tool; ack ${ms(run.ack)}; ${run.sustained ? 'sustained' : 'NOT sustained'}; CPU/question: server ${run.cpuMsPerRequest.server} ms, Redis ${run.cpuMsPerRequest.redis} ms; ${cpu(run.cpu)}`,
        ...warn(run.warnings),
      );
    }
    lines.push(
      `--workers ${s.workers}: max sustained ${s.maxSustainedRate}/s; peak ${s.peakHandledPerSecond}/s handled`,
    );
  };
  if (ingest) {
    lines.push(
      `ingest at ${ingest.offeredRate}/s (event of ${ingest.event.size}): ${ingest.handledPerSecond}/s handled, ${ingest.failed} failed; ack ${ms(ingest.ack)}; CPU/question: server ${ingest.cpuMsPerRequest.server} ms, Redis ${ingest.cpuMsPerRequest.redis} ms; ${cpu(ingest.cpu)}`,
      ...warn(ingest.warnings),
    );
  }
  if (sweep) sweepLines(sweep);
  if (votes) {
    lines.push(
      `votes at ${votes.offeredRate}/s (event of ${votes.event.size}): ${votes.handledPerSecond}/s handled (${votes.votesOkPerSecond}/s ok in the load phase), ${votes.failed} failed, ${votes.dropped} dropped by the tool; ack ${ms(votes.ack)}; CPU/vote: server ${votes.cpuMsPerRequest.server} ms, Redis ${votes.cpuMsPerRequest.redis} ms; ${cpu(votes.cpu)}`,
      `  votes:changed ${votes.batches.perSecond}/s to the audience (${votes.batches.moderatorPerSecond}/s to moderators), ${votes.batches.size?.p50} questions each (max ${votes.batches.size?.max}), ${votes.batches.gapMs?.min}–${votes.batches.gapMs?.max} ms apart; an audience socket received ${votes.audienceMessagesPerSecond} messages/s`,
      ...warn(votes.warnings),
    );
  }
  if (workers) {
    for (const s of workers.sweeps) sweepLines(s);
    lines.push(
      `two processes / one: ${workers.sustainedRatio} (max sustained), ${workers.peakRatio} (peak handled); server CPU per question at ${workers.cpuAtFirstRate[0]?.rate}/s: ${workers.cpuAtFirstRate.map((c) => `${c.msPerQuestion?.server} ms (${c.workers})`).join(' vs ')}`,
    );
  }
  console.log(lines.join('\n'));
}
