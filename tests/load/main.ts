/**
 * `pnpm load [--scenario NAME] [options]`: drives real Socket.IO clients against a
 * running Dais and writes a JSON report and an SVG chart. See docs/PERFORMANCE.md.
 *
 * The main process creates the event, runs the moderators and collects the numbers;
 * forked load processes (worker.ts) hold the audience sockets. Not a test: it
 * measures and reports, it asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pidusage from 'pidusage';
import { buildStream } from '../bench/stream';
import { createEvent } from '../harness/clients';
import { renderChart } from './chart';
import { clock, openSocket, send, type DaisClient } from './connection';
import type { FromWorker, ToWorker, VoteTally, WorkerConfig } from './messages';
import { everySecond, LATENCY_KINDS, machineCpuMeter, Recorder } from './metrics';
import { broadcastsPerAction, joinModerators, type ModeratorTeam } from './moderators';
import { parseOptions, USAGE, type LoadOptions } from './options';
import { readLimits, sourceAddresses, workerCount } from './network';
import { progressBar } from './progress';
import { printSummary, warningsFor } from './summary';
import {
  Aggregator,
  fanoutFigures,
  stats,
  sum,
  tallyVotes,
  type Approval,
  type LoadReport,
  type Phase,
} from './report';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

let options: LoadOptions;
try {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  options = parsed;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

const limits = readLimits();
const workers = workerCount(options.audience, limits, options.workers);
const sources = sourceAddresses(options.targets, options.audience, limits, options.sourceAddresses);
const startedAt = new Date();
const runStart = clock();
const loadAverageAtStart = loadavg();
const recorder = new Recorder('main (moderators)');
const aggregator = new Aggregator();
const approvals = new Map<string, Approval>();
const crashes: string[] = [];
const ownPids = [process.pid];
aggregator.ownProcess(process.pid, 'main (moderators)');
let children: ReturnType<typeof startWorker>[] = [];
/** When each phase began (clock() ms). */
const marks: Partial<Record<Phase | 'end', number>> = { setup: runStart };
let phase: Phase = 'setup';
/**
 * What the audience must take in: every public broadcast reaches every socket, and
 * vote counts go out in batches four times a second (per server process). Each is
 * decoded by a load process, as a browser would.
 */
const audienceMessagesPerSecond = Math.round(
  options.audience * (options.moderatorRate * broadcastsPerAction + (options.voteRate > 0 ? 4 : 0)),
);
if (!options.quiet) {
  console.error(
    `About ${audienceMessagesPerSecond.toLocaleString('en')} messages a second will reach the audience; ${workers} load processes decode them.`,
  );
}
const bar = progressBar(Math.ceil(options.rampUp + options.duration), options.quiet);

/** CPU and memory of the tool's processes and the watched ones, read from outside. */
const sampleUsage = async (second: number) => {
  const pids = [...ownPids, ...options.watchPids];
  const usage = await pidusage(pids).catch(() => ({}));
  for (const [pid, stat] of Object.entries(usage)) {
    // A process that has exited has no entry to read.
    if (stat)
      aggregator.sample(second, Number(pid), {
        cpuPercent: stat.cpu,
        rssMB: stat.memory / 2 ** 20,
      });
  }
};
const machineCpu = machineCpuMeter();
const stopTicks = everySecond(runStart, (second) => {
  aggregator.add(recorder.flush(second, 0));
  aggregator.machine(second, machineCpu());
  void sampleUsage(second);
  // Load processes report a second a moment after it (later when they are starved):
  // show the newest second every process has reported.
  const shown = Math.min(second - 1, aggregator.reportedBy(children.length + 1));
  const elapsed = marks['ramp-up'] ? (clock() - marks['ramp-up']) / 1000 : 0;
  bar.update(
    phase,
    elapsed,
    shown >= 0 ? aggregator.point(shown, phase, approvals) : null,
    aggregator.errorCount(),
    second - shown,
  );
});

const event = options.event ?? (await createEvent(options.targets[0]!, 'Load test'));
const code = event.code;
const team = await joinModerators(
  {
    targets: options.targets,
    code,
    moderatorKey: event.moderatorKey,
    count: options.moderators,
    seed: options.seed,
    ackTimeoutMs: options.ackTimeoutMs,
    onApproval: (approval) => approvals.set(approval.questionId, approval),
  },
  recorder,
);
await askInitialQuestions(options.initialQuestions, team);

phase = 'ramp-up';
marks['ramp-up'] = clock();
const streamSize = Math.ceil(options.questionRate * options.duration) + 100;
children = Array.from({ length: workers }, (_, index) =>
  startWorker({
    index,
    workers,
    targets: options.targets,
    sources,
    code,
    audience: options.audience,
    runStart,
    rampStart: marks['ramp-up']!,
    rampUp: options.rampUp,
    questionRate: options.questionRate / workers,
    voteRate: options.voteRate / workers,
    fanoutSample: options.fanoutSample,
    seed: options.seed,
    streamSize,
    ackTimeoutMs: options.ackTimeoutMs,
  }),
);
await Promise.all(children.map((child) => child.ready));

let interrupted = false;
process.once('SIGINT', () => (interrupted = true));
phase = 'load';
const loadStart = clock() + 100;
marks.load = loadStart;
for (const child of children) child.send({ type: 'go', at: loadStart });
const stopModerators = team.work(options.moderatorRate, loadStart, options.seed);
while (!interrupted && clock() < loadStart + options.duration * 1000) {
  await new Promise((r) => setTimeout(r, 50));
}

phase = 'drain';
marks.drain = clock();
stopModerators();
for (const child of children) child.send({ type: 'stop' });
const tallies = await Promise.all(children.map((child) => child.done));
await team.settled(options.ackTimeoutMs);
marks.end = clock();
stopTicks();
aggregator.add(recorder.flush(Math.floor((clock() - runStart) / 1000), 0));
team.close();
bar.stop();

const report = buildReport(tallies);
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const reportPath = resolve(
  options.report ?? `${REPO}/.data/load/${report.scenario ?? 'custom'}-${stamp}.json`,
);
const chartPath = resolve(options.chart ?? reportPath.replace(/\.json$/, '') + '.svg');
mkdirSync(dirname(reportPath), { recursive: true });
writeFileSync(reportPath, JSON.stringify(report, null, 2));
mkdirSync(dirname(chartPath), { recursive: true });
writeFileSync(chartPath, await renderChart(report));
printSummary(report, reportPath, chartPath);
process.exit(0);

/** A forked load process, with promises for its ramp-up and its last report. */
function startWorker(config: WorkerConfig) {
  const child: ChildProcess = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), {
    serialization: 'advanced',
  });
  if (child.pid !== undefined) {
    ownPids.push(child.pid);
    aggregator.ownProcess(child.pid, `load process ${config.index + 1}`);
  }
  let readyResolve: () => void;
  let doneResolve: (tally: VoteTally) => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const done = new Promise<VoteTally>((r) => (doneResolve = r));
  child.on('message', (message: FromWorker) => {
    if (message.type === 'tick') aggregator.add(message.tick);
    else if (message.type === 'ready') readyResolve();
    else {
      aggregator.add(message.tick);
      doneResolve(message.votes);
    }
  });
  // A load process that dies (its error is on stderr) loses its sockets and its last
  // second; the run goes on and the report says so.
  child.on('exit', (status, signal) => {
    if (status === 0) return;
    crashes.push(`load process ${config.index + 1} exited with ${status ?? signal}`);
    readyResolve();
    doneResolve({});
  });
  child.send({ type: 'start', config } satisfies ToWorker);
  return {
    ready,
    done,
    send: (message: ToWorker) => child.connected && child.send(message),
  };
}

/**
 * Before the ramp-up: a few askers submit questions from the stream and a moderator
 * approves them, until `count` are public (duplicates merge and cannot be approved).
 */
async function askInitialQuestions(count: number, moderators: ModeratorTeam) {
  if (count === 0) return;
  const askers: DaisClient[] = [];
  for (let i = 0; i < Math.min(10, count); i++) {
    const socket = openSocket(options.targets[i % options.targets.length]!);
    askers.push(socket);
    const joined = await send(
      socket,
      'event:join',
      { code, role: 'audience' },
      options.ackTimeoutMs,
    );
    if (!joined.ok) throw new Error(`An asker could not join ${code}: ${joined.error}`);
  }
  let approved = 0;
  for (const [i, text] of buildStream(count * 5, options.seed + 1).entries()) {
    if (approved === count) break;
    recorder.count('submit.sent');
    const result = await send(
      askers[i % askers.length]!,
      'question:submit',
      { text },
      options.ackTimeoutMs,
    );
    recorder.answered('submit', result);
    if (!result.ok || result.data.question.status !== 'pending') continue;
    if (await moderators.approve(0, result.data.question.id)) approved += 1;
  }
  for (const socket of askers) socket.disconnect();
}

function phaseOf(second: number): Phase {
  const middle = runStart + second * 1000 + 500;
  if (middle >= (marks.drain ?? Infinity)) return 'drain';
  if (middle >= (marks.load ?? Infinity)) return 'load';
  if (middle >= (marks['ramp-up'] ?? Infinity)) return 'ramp-up';
  return 'setup';
}

function buildReport(voteTallies: VoteTally[]): LoadReport {
  const { counts, errors } = aggregator.totals();
  const series = aggregator
    .seconds()
    .map((second) => aggregator.point(second, phaseOf(second), approvals));
  // Rates over the seconds wholly inside the load phase.
  const inLoad = series.filter(
    (p) =>
      runStart + p.second * 1000 >= marks.load! && runStart + (p.second + 1) * 1000 <= marks.drain!,
  );
  const mean = (pick: (p: LoadReport['series'][number]) => number) =>
    inLoad.length ? Math.round((sum(inLoad.map(pick)) / inLoad.length) * 100) / 100 : 0;
  const latency = Object.fromEntries(
    LATENCY_KINDS.flatMap((kind) => {
      const figures = stats(aggregator.latencies(kind));
      return figures ? [[kind, figures]] : [];
    }),
  );
  const loadSeconds = new Set(inLoad.map((p) => p.second));
  const processes = aggregator.processSummaries((second) => loadSeconds.has(second));
  const seconds = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? 0 : Math.round((to - from) / 10) / 100;
  const loadApprovals = new Map([...approvals].filter(([, a]) => a.sentAt >= marks.load!));
  const { watchPids: _pids, event: _event, ...shown } = options;
  return {
    format: 'dais-load/1',
    // The moderator key is a secret: it stays out of the report.
    command: `pnpm load ${process.argv.slice(2).join(' ')}`.replace(
      /(--moderator-key[= ])\S+/,
      '$1…',
    ),
    startedAt: startedAt.toISOString(),
    scenario: options.scenario,
    options: { ...shown, watchPids: options.watchPids },
    targets: options.targets,
    event: { code, created: options.event === null },
    machine: {
      cores: limits.cores,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart,
      fdLimit: limits.fdLimit,
      ephemeralPorts: limits.ephemeralPorts,
    },
    loadProcesses: workers,
    audienceMessagesPerSecond,
    sourceAddresses: sources,
    phases: {
      setup: seconds(marks.setup, marks['ramp-up']),
      'ramp-up': seconds(marks['ramp-up'], marks.load),
      load: seconds(marks.load, marks.drain),
      drain: seconds(marks.drain, marks.end),
    },
    counts,
    errors,
    rates: {
      submitsOk: mean((p) => p.submitsOk),
      votesOk: mean((p) => p.votesOk),
      moderatorOk: mean((p) => p.moderatorOk),
      acks: mean((p) => p.acks),
      pushes: mean((p) => p.pushes),
    },
    latency,
    fanout: fanoutFigures(
      loadApprovals,
      aggregator.receipts(),
      Math.min(options.fanoutSample, options.audience),
    ),
    tool: {
      cpuPercentOfMachine:
        Math.round((sum(processes.map((p) => p.cpuPercentMean)) / limits.cores) * 100) / 100,
      processes,
    },
    watched: aggregator.watchedSummaries(),
    warnings: warningsFor({
      counts,
      errors,
      processes,
      inLoad,
      crashes,
      cores: limits.cores,
      ackTimeoutMs: options.ackTimeoutMs,
      audience: options.audience,
      joinedAtEnd: aggregator.socketsAt(aggregator.seconds().at(-1) ?? 0),
    }),
    expected: { questions: counts['submit.ok'] ?? 0, votes: tallyVotes(voteTallies) },
    series,
  };
}
