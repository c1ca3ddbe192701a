import type { Tick } from './metrics';

/** What a load process needs to run its share of the audience. */
export interface WorkerConfig {
  index: number;
  workers: number;
  targets: string[];
  /** Per target: the local addresses to connect from (empty: the system's choice). */
  sources: string[][];
  code: string;
  /** The whole audience; this process takes the sockets `placement()` gives it. */
  audience: number;
  /** When the run started (clock() ms): ticks count seconds from it. */
  runStart: number;
  /** When the ramp-up started (clock() ms) and how long it lasts (s). */
  rampStart: number;
  rampUp: number;
  /** This process's share of the rates. */
  questionRate: number;
  voteRate: number;
  /** Audience sockets below this global index time the fan-out. */
  fanoutSample: number;
  seed: number;
  /** Questions in the shared stream (tests/bench/stream.ts); this process takes every workers-th. */
  streamSize: number;
  ackTimeoutMs: number;
}

export type ToWorker =
  | { type: 'start'; config: WorkerConfig }
  /** The ramp-up is over everywhere: send questions and votes from `at` on. */
  | { type: 'go'; at: number }
  /** Stop sending, wait for the answers in flight, report, and exit. */
  | { type: 'stop' };

/** The votes this process's participants hold at the end: leader id → count. */
export type VoteTally = Record<string, number>;

export type FromWorker =
  | { type: 'tick'; tick: Tick }
  /** Every socket of this process has joined or failed its first attempt. */
  | { type: 'ready' }
  | { type: 'done'; votes: VoteTally; tick: Tick };
