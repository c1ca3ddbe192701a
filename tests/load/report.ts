import { z } from 'zod';
import type { VoteTally } from './messages';
import { MODERATOR_ACTIONS, type LatencyKind, type Tick } from './metrics';

/** Latency figures in milliseconds, exact (from every sample, nearest rank). */
const StatsSchema = z.object({
  count: z.number().int(),
  mean: z.number(),
  min: z.number(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  max: z.number(),
});
export type Stats = z.infer<typeof StatsSchema>;

export const PHASES = ['setup', 'ramp-up', 'load', 'drain'] as const;
export type Phase = (typeof PHASES)[number];

const nullableMs = z.number().nullable();
/** One second of the run, over every process. */
const SeriesPointSchema = z.object({
  second: z.number().int(),
  phase: z.enum(PHASES),
  /** Audience sockets joined at the end of the second. */
  sockets: z.number().int(),
  submitsSent: z.number().int(),
  submitsOk: z.number().int(),
  votesSent: z.number().int(),
  votesOk: z.number().int(),
  moderatorOk: z.number().int(),
  /** Answers of every kind (joins and refusals included, timeouts not). */
  acks: z.number().int(),
  errors: z.number().int(),
  /** Server messages the audience sockets received. */
  pushes: z.number().int(),
  submitP50: nullableMs,
  submitP99: nullableMs,
  voteP50: nullableMs,
  voteP99: nullableMs,
  moderatorP99: nullableMs,
  /** Fan-out from the approval's ack to sampled sockets, for receipts in this second. */
  fanoutP99: nullableMs,
  /** CPU of every load process together, in % of one core. */
  toolCpuPercent: z.number(),
  lagMs: z.number(),
  watchedCpuPercent: z.record(z.string(), z.number()),
  /** CPU the whole machine used (every process, the neighbours' too), in % of one core. */
  machineCpuPercent: z.number(),
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const LoadReportSchema = z.object({
  format: z.literal('dais-load/1'),
  command: z.string(),
  startedAt: z.string(),
  scenario: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  targets: z.array(z.string()),
  event: z.object({ code: z.string(), created: z.boolean() }),
  machine: z.object({
    cores: z.number().int(),
    cpuModel: z.string(),
    node: z.string(),
    loadAverageAtStart: z.array(z.number()),
    fdLimit: z.number().int(),
    ephemeralPorts: z.object({ low: z.number().int(), high: z.number().int() }),
  }),
  loadProcesses: z.number().int(),
  /** Planned: broadcasts and vote batches times the audience (at least four batches a second). */
  audienceMessagesPerSecond: z.number().int(),
  sourceAddresses: z.array(z.array(z.string())),
  /** How long each phase took, in seconds. */
  phases: z.record(z.enum(PHASES), z.number()),
  /** Totals: 'submit.sent', 'submit.ok', 'vote.up', 'approve.ok', 'pushes', … */
  counts: z.record(z.string(), z.number().int()),
  /** 'operation:CODE' → count; REJECTED submits are the filter turning questions away. */
  errors: z.record(z.string(), z.number().int()),
  /** Mean per second over the whole seconds of the load phase. */
  rates: z.object({
    submitsOk: z.number(),
    votesOk: z.number(),
    moderatorOk: z.number(),
    acks: z.number(),
    pushes: z.number(),
  }),
  latency: z.record(z.string(), StatsSchema),
  fanout: z.object({
    approvals: z.number().int(),
    sampledSockets: z.number().int(),
    receipts: z.number().int(),
    /** Sampled-socket receipts that never came (approvals × sampled sockets − receipts). */
    missing: z.number().int(),
    /** From the moderator's approval ack to each receipt; negative when the broadcast beat the ack. */
    fromAck: StatsSchema.nullable(),
    /** From the moderator sending the approval to each receipt. */
    fromSend: StatsSchema.nullable(),
    /** Per approval: from its ack to the last sampled socket's receipt. */
    lastFromAck: StatsSchema.nullable(),
  }),
  tool: z.object({
    /** CPU of all load processes together, in % of the machine (all cores). */
    cpuPercentOfMachine: z.number(),
    processes: z.array(
      z.object({
        source: z.string(),
        cpuPercentMean: z.number(),
        cpuPercentMax: z.number(),
        eluMax: z.number(),
        loopDelayMaxMs: z.number(),
        rssMBMax: z.number(),
        lagMsMax: z.number(),
      }),
    ),
  }),
  watched: z.array(
    z.object({
      pid: z.number().int(),
      cpuPercentMean: z.number(),
      cpuPercentMax: z.number(),
      rssMBMax: z.number(),
    }),
  ),
  /** What makes the figures doubtful: the tool or the machine saturated, sockets missing. */
  warnings: z.array(z.string()),
  /** What the server should hold afterwards: stored questions, and votes per cluster leader. */
  expected: z.object({
    questions: z.number().int(),
    votes: z.record(z.string(), z.number().int()),
  }),
  series: z.array(SeriesPointSchema),
});
export type LoadReport = z.infer<typeof LoadReportSchema>;

const round = (value: number) => Math.round(value * 100) / 100;

export function stats(values: ArrayLike<number>): Stats | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: round(sum / sorted.length),
    min: round(sorted[0]!),
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1]!),
  };
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
};
export const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

interface Bucket {
  counts: Record<string, number>;
  errors: number;
  latency: Partial<Record<LatencyKind, number[]>>;
  receipts: Record<string, number[]>;
  lagMs: number;
  /** pid → its CPU (% of one core) and memory, sampled from outside by the main process. */
  usage: Map<number, Usage>;
  machineCpuPercent: number;
}

interface Usage {
  cpuPercent: number;
  rssMB: number;
}

export interface Approval {
  questionId: string;
  sentAt: number;
  ackAt: number;
}

/** The ticks of every process, second by second, and everything the report derives from them. */
export class Aggregator {
  private buckets = new Map<number, Bucket>();
  private counts: Record<string, number> = {};
  private errors: Record<string, number> = {};
  private processes = new Map<string, Tick[]>();
  /** The load tool's own processes: pid → name (the others sampled are watched). */
  private toolPids = new Map<number, string>();

  add(tick: Tick) {
    const bucket = this.bucket(tick.second);
    add(bucket.counts, tick.counts);
    add(this.counts, tick.counts);
    add(this.errors, tick.errors);
    bucket.errors += sum(Object.values(tick.errors));
    for (const [kind, values] of Object.entries(tick.latency) as [LatencyKind, number[]][]) {
      (bucket.latency[kind] ??= []).push(...values);
    }
    for (const [id, times] of Object.entries(tick.receipts)) {
      (bucket.receipts[id] ??= []).push(...times);
    }
    bucket.lagMs = Math.max(bucket.lagMs, tick.lagMs);
    const ticks = this.processes.get(tick.source) ?? [];
    ticks.push(tick);
    this.processes.set(tick.source, ticks);
  }

  /** A process of the tool, so its samples count as the tool's. */
  ownProcess(pid: number, source: string) {
    this.toolPids.set(pid, source);
  }

  sample(second: number, pid: number, usage: Usage) {
    this.bucket(second).usage.set(pid, usage);
  }

  machine(second: number, cpuPercent: number) {
    this.bucket(second).machineCpuPercent = cpuPercent;
  }

  /** The newest second that `processes` processes have all reported (-1: none yet). */
  reportedBy(processes: number): number {
    if (this.processes.size < processes) return -1;
    return Math.min(...[...this.processes.values()].map((ticks) => ticks.at(-1)?.second ?? -1));
  }

  /** Joined audience sockets at the end of `second`: each process's latest tick until then. */
  socketsAt(second: number): number {
    let total = 0;
    for (const ticks of this.processes.values()) {
      const latest = ticks.findLast((tick) => tick.second <= second);
      total += latest?.sockets ?? 0;
    }
    return total;
  }
  errorCount = () => sum(Object.values(this.errors));

  /** One second's figures, for the progress bar and the series. */
  point(second: number, phase: Phase, approvals: Map<string, Approval>): SeriesPoint {
    const bucket = this.bucket(second);
    const c = (name: string) => bucket.counts[name] ?? 0;
    const p = (values: number[] | undefined, q: 'p50' | 'p99') => stats(values ?? [])?.[q] ?? null;
    const moderator = MODERATOR_ACTIONS.flatMap((kind) => bucket.latency[kind] ?? []);
    const moderatorOk = sum(MODERATOR_ACTIONS.map((kind) => c(`${kind}.ok`)));
    const fanout = Object.entries(bucket.receipts).flatMap(([id, times]) => {
      const approval = approvals.get(id);
      return approval ? times.map((at) => at - approval.ackAt) : [];
    });
    return {
      second,
      phase,
      sockets: this.socketsAt(second),
      submitsSent: c('submit.sent'),
      submitsOk: c('submit.ok'),
      votesSent: c('vote.sent'),
      votesOk: c('vote.ok'),
      moderatorOk,
      acks: c('acks'),
      errors: bucket.errors,
      pushes: c('pushes'),
      submitP50: p(bucket.latency.submit, 'p50'),
      submitP99: p(bucket.latency.submit, 'p99'),
      voteP50: p(bucket.latency.vote, 'p50'),
      voteP99: p(bucket.latency.vote, 'p99'),
      moderatorP99: p(moderator, 'p99'),
      fanoutP99: p(fanout, 'p99'),
      toolCpuPercent: round(
        sum(
          [...bucket.usage].flatMap(([pid, u]) => (this.toolPids.has(pid) ? [u.cpuPercent] : [])),
        ),
      ),
      lagMs: round(bucket.lagMs),
      watchedCpuPercent: Object.fromEntries(
        [...bucket.usage].flatMap(([pid, u]) =>
          this.toolPids.has(pid) ? [] : [[String(pid), round(u.cpuPercent)]],
        ),
      ),
      machineCpuPercent: round(bucket.machineCpuPercent),
    };
  }

  /** Every second's latency of one kind, in one list. */
  latencies(kind: LatencyKind): number[] {
    return [...this.buckets.values()].flatMap((bucket) => bucket.latency[kind] ?? []);
  }

  receipts(): Map<string, number[]> {
    const all = new Map<string, number[]>();
    for (const bucket of this.buckets.values()) {
      for (const [id, times] of Object.entries(bucket.receipts)) {
        all.set(id, [...(all.get(id) ?? []), ...times]);
      }
    }
    return all;
  }

  seconds = () => [...this.buckets.keys()].sort((a, b) => a - b);
  totals = () => ({ counts: { ...this.counts }, errors: { ...this.errors } });

  /** Every sample of one process, in the order of the seconds. */
  private usageOf(pid: number): Usage[] {
    return this.seconds().flatMap((second) => {
      const usage = this.buckets.get(second)?.usage.get(pid);
      return usage ? [usage] : [];
    });
  }

  /**
   * Each tool process's CPU and memory over the run; its event loop figures over the
   * seconds `measured` accepts (the load phase: starting up and connecting are busy
   * on purpose).
   */
  processSummaries(measured: (second: number) => boolean): LoadReport['tool']['processes'] {
    return [...this.toolPids].map(([pid, source]) => {
      const usage = this.usageOf(pid);
      const ticks = (this.processes.get(source) ?? []).filter((tick) => measured(tick.second));
      const max = (values: number[]) => round(Math.max(0, ...values));
      return {
        source,
        cpuPercentMean: round(sum(usage.map((u) => u.cpuPercent)) / Math.max(1, usage.length)),
        cpuPercentMax: max(usage.map((u) => u.cpuPercent)),
        eluMax: max(ticks.map((t) => t.elu)),
        loopDelayMaxMs: max(ticks.map((t) => t.loopDelayMaxMs)),
        rssMBMax: max(usage.map((u) => u.rssMB)),
        lagMsMax: max(ticks.map((t) => t.lagMs)),
      };
    });
  }

  watchedSummaries(): LoadReport['watched'] {
    const pids = new Set<number>();
    for (const bucket of this.buckets.values()) {
      for (const pid of bucket.usage.keys()) if (!this.toolPids.has(pid)) pids.add(pid);
    }
    return [...pids].map((pid) => {
      const usage = this.usageOf(pid);
      return {
        pid,
        cpuPercentMean: round(sum(usage.map((u) => u.cpuPercent)) / usage.length),
        cpuPercentMax: round(Math.max(...usage.map((u) => u.cpuPercent))),
        rssMBMax: round(Math.max(...usage.map((u) => u.rssMB))),
      };
    });
  }

  private bucket(second: number): Bucket {
    let bucket = this.buckets.get(second);
    if (!bucket) {
      bucket = {
        counts: {},
        errors: 0,
        latency: {},
        receipts: {},
        lagMs: 0,
        usage: new Map(),
        machineCpuPercent: 0,
      };
      this.buckets.set(second, bucket);
    }
    return bucket;
  }
}

/** Fan-out figures: every sampled receipt against its approval. */
export function fanoutFigures(
  approvals: Map<string, Approval>,
  receipts: Map<string, number[]>,
  sampledSockets: number,
): LoadReport['fanout'] {
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  const lastFromAck: number[] = [];
  let count = 0;
  for (const [id, times] of receipts) {
    const approval = approvals.get(id);
    if (!approval) continue; // approved outside this run's moderators (e.g. pre-moderation off)
    count += times.length;
    for (const at of times) {
      fromAck.push(at - approval.ackAt);
      fromSend.push(at - approval.sentAt);
    }
    lastFromAck.push(Math.max(...times) - approval.ackAt);
  }
  return {
    approvals: approvals.size,
    sampledSockets,
    receipts: count,
    missing: Math.max(0, approvals.size * sampledSockets - count),
    fromAck: stats(fromAck),
    fromSend: stats(fromSend),
    lastFromAck: stats(lastFromAck),
  };
}

/** Adds up the votes each load process's participants hold at the end. */
export function tallyVotes(tallies: VoteTally[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const tally of tallies) add(total, tally);
  return total;
}
