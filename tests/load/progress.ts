import { Presets, SingleBar } from 'cli-progress';
import type { SeriesPoint } from './report';

const FORMAT =
  '{phase} [{bar}] {elapsed}/{planned}s{stale} | sockets {sockets} | q/s {qps} v/s {vps} acks/s {aps}' +
  ' | errors {errors} | p50/p99 ms q {qp50}/{qp99} v {vp50}/{vp99} | tool cpu {cpu}%';

const ms = (value: number | null) => (value === null ? '-' : value.toFixed(1));

/** The live progress line (stderr); redrawn in place on a terminal, every 5 s in a log. */
export function progressBar(plannedSeconds: number, quiet: boolean) {
  if (quiet) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar(
    { format: FORMAT, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(plannedSeconds, 0, { ...payload('setup', 0, plannedSeconds, null, 0), stale: '' });
  return {
    /** `age`: how many seconds old the figures are (more than 1: a process is starved). */
    update(phase: string, elapsed: number, point: SeriesPoint | null, errors: number, age = 1) {
      bar.update(Math.min(elapsed, plannedSeconds), {
        ...payload(phase, elapsed, plannedSeconds, point, errors),
        stale: age > 2 ? ` (figures ${age} s old)` : '',
      });
    },
    stop: () => bar.stop(),
  };
}

function payload(
  phase: string,
  elapsed: number,
  planned: number,
  point: SeriesPoint | null,
  errors: number,
) {
  return {
    phase: phase.padEnd(7),
    elapsed: Math.floor(elapsed),
    planned,
    sockets: point?.sockets ?? 0,
    qps: point?.submitsOk ?? 0,
    vps: point?.votesOk ?? 0,
    aps: point?.acks ?? 0,
    errors,
    qp50: ms(point?.submitP50 ?? null),
    qp99: ms(point?.submitP99 ?? null),
    vp50: ms(point?.voteP50 ?? null),
    vp99: ms(point?.voteP99 ?? null),
    cpu: Math.round(point?.toolCpuPercent ?? 0),
  };
}
