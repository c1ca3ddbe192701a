import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clock } from './connection';

/** What the moderators do (up-next: queue:move, stage-next: stage:next). */
export const MODERATOR_ACTIONS = ['approve', 'reject', 'merge', 'up-next', 'stage-next'] as const;
export type ModeratorAction = (typeof MODERATOR_ACTIONS)[number];

/** Requests whose latency is timed; each moderator action under its own name. */
export const LATENCY_KINDS = ['connect', 'join', 'submit', 'vote', ...MODERATOR_ACTIONS] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];

/** What one process measured in one second of the run; sent to the main process. */
export interface Tick {
  source: string;
  /** Seconds since the run started (the same origin in every process). */
  second: number;
  /** Audience sockets joined at the end of the second. */
  sockets: number;
  /** e.g. 'submit.sent', 'submit.ok', 'vote.up', 'approve.ok', 'acks', 'pushes', 'disconnects'. */
  counts: Record<string, number>;
  /** 'operation:CODE' → how many of them failed with it. */
  errors: Record<string, number>;
  /** Milliseconds from sending to the ack (connect: from opening to `connect`). */
  latency: Partial<Record<LatencyKind, number[]>>;
  /** Fan-out: approved question id → when sampled sockets got its `question:changed`. */
  receipts: Record<string, number[]>;
  /** Event loop utilization (0..1): near 1, the process itself is the bottleneck. */
  elu: number;
  /** The event loop's worst delay in the second (ms). */
  loopDelayMaxMs: number;
  /** How far behind its schedule the process sent requests, at worst (ms). */
  lagMs: number;
}

/** Collects one process's measurements and hands them out second by second. */
export class Recorder {
  private counts: Record<string, number> = {};
  private errors: Record<string, number> = {};
  private latency: Partial<Record<LatencyKind, number[]>> = {};
  private receipts: Record<string, number[]> = {};
  private lagMs = 0;
  private elu = performance.eventLoopUtilization();
  private loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor(private readonly source: string) {
    this.loopDelay.enable();
  }

  count(name: string, by = 1) {
    this.counts[name] = (this.counts[name] ?? 0) + by;
  }

  error(operation: string, code: string) {
    const key = `${operation}:${code}`;
    this.errors[key] = (this.errors[key] ?? 0) + 1;
  }

  /** Counts an answer: `operation.ok`, or the error's code; every answer but a timeout is an ack. */
  answered(operation: string, outcome: { ok: true } | { ok: false; error: string }) {
    if (outcome.ok) this.count(`${operation}.ok`);
    else this.error(operation, outcome.error);
    if (outcome.ok || outcome.error !== 'TIMEOUT') this.count('acks');
  }

  time(kind: LatencyKind, ms: number) {
    (this.latency[kind] ??= []).push(ms);
  }

  receipt(questionId: string, at: number) {
    (this.receipts[questionId] ??= []).push(at);
  }

  lag(ms: number) {
    this.lagMs = Math.max(this.lagMs, ms);
  }

  flush(second: number, sockets: number): Tick {
    const elu = performance.eventLoopUtilization(this.elu);
    const tick: Tick = {
      source: this.source,
      second,
      sockets,
      counts: this.counts,
      errors: this.errors,
      latency: this.latency,
      receipts: this.receipts,
      elu: elu.utilization,
      loopDelayMaxMs: this.loopDelay.max / 1e6,
      lagMs: this.lagMs,
    };
    this.counts = {};
    this.errors = {};
    this.latency = {};
    this.receipts = {};
    this.lagMs = 0;
    this.elu = performance.eventLoopUtilization();
    this.loopDelay.reset();
    return tick;
  }
}

/**
 * Calls `fn(second)` at the end of every whole second after `origin` (a `clock()`
 * time) until stopped. A process starved for several seconds reports once, for the
 * second it wakes in, rather than once per second it slept through.
 */
export function everySecond(origin: number, fn: (second: number) => void): () => void {
  let timer: NodeJS.Timeout;
  const current = () => Math.max(0, Math.floor((clock() - origin) / 1000));
  const schedule = (second: number) => {
    timer = setTimeout(
      () => {
        const now = current();
        fn(Math.max(second, now - 1));
        schedule(Math.max(second, now - 1) + 1);
      },
      Math.max(0, origin + (second + 1) * 1000 - clock()),
    );
  };
  schedule(current());
  return () => clearTimeout(timer);
}

/**
 * Open-loop pacing: `rate` operations per second from `start`, whatever the answers
 * take (waiting for acks would hide the server's latency: coordinated omission).
 * Every `PACE_MS` it runs the operations that fell due; `onLag` hears how late the
 * oldest of them is (about PACE_MS while the process keeps up). A process that fell
 * more than MAX_BACKLOG_S behind (its own CPU starved) drops the excess and says so
 * through `onDrop`, rather than bursting a backlog that measures only itself.
 */
const PACE_MS = 10;
const MAX_BACKLOG_S = 1;
export interface Pacing {
  run: () => void;
  onLag: (ms: number) => void;
  onDrop: (count: number) => void;
}
export function pace(rate: number, start: number, { run, onLag, onDrop }: Pacing): () => void {
  if (rate <= 0) return () => {};
  const backlog = Math.max(1, Math.ceil(rate * MAX_BACKLOG_S));
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((clock() - start) / 1000) * rate);
    if (due <= sent) return;
    onLag(clock() - (start + ((sent + 1) / rate) * 1000)); // the oldest due operation
    if (due - sent > backlog) {
      onDrop(due - sent - backlog);
      sent = due - backlog;
    }
    for (; sent < due; sent++) run();
  }, PACE_MS);
  return () => clearInterval(timer);
}

/** The machine's busy CPU (every process) since the last call, in % of one core. */
export function machineCpuMeter(): () => number {
  let last = cpus();
  return () => {
    const now = cpus();
    let busy = 0;
    let total = 0;
    now.forEach((cpu, i) => {
      const before = last[i]?.times ?? cpu.times;
      const spent = (key: keyof typeof cpu.times) => cpu.times[key] - before[key];
      const all = spent('user') + spent('nice') + spent('sys') + spent('idle') + spent('irq');
      busy += all - spent('idle');
      total += all;
    });
    last = now;
    return total > 0 ? (busy / total) * 100 * now.length : 0;
  };
}
