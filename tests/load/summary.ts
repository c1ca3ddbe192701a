import type { LoadReport } from './report';
import { sum } from './report';

type Point = LoadReport['series'][number];

export interface RunFacts {
  counts: Record<string, number>;
  errors: Record<string, number>;
  processes: LoadReport['tool']['processes'];
  /** The seconds wholly inside the load phase. */
  inLoad: Point[];
  /** Load processes that died, in words. */
  crashes: string[];
  cores: number;
  ackTimeoutMs: number;
  audience: number;
  joinedAtEnd: number;
}

/** What makes a run's figures doubtful, in words for the summary and the report. */
export function warningsFor(run: RunFacts): string[] {
  const warnings = run.crashes.map((crash) => `A ${crash}: its sockets and counts are missing.`);
  const total = (record: Record<string, number>, suffix: string) =>
    sum(
      Object.entries(record)
        .filter(([key]) => key.endsWith(suffix))
        .map(([, n]) => n),
    );
  const dropped = total(run.counts, '.dropped');
  if (dropped > 0) {
    warnings.push(
      `The load tool fell over a second behind its schedule and dropped ${dropped} requests: it set the pace, not the server.`,
    );
  }
  const saturated = run.processes.filter((p) => p.eluMax >= 0.95).map((p) => p.source);
  if (saturated.length > 0) {
    warnings.push(
      `Event loop ≥ 95% busy in some second: ${saturated.join(', ')}. Latencies then include the tool's own queueing.`,
    );
  }
  const mean = (pick: (p: Point) => number) =>
    run.inLoad.length ? sum(run.inLoad.map(pick)) / run.inLoad.length : 0;
  const machine = mean((p) => p.machineCpuPercent);
  if (machine >= 0.9 * run.cores * 100) {
    const others =
      machine -
      mean((p) => p.toolCpuPercent) -
      mean((p) => sum(Object.values(p.watchedCpuPercent)));
    warnings.push(
      `The machine was ${Math.round(machine)}% busy (of ${run.cores * 100}%) during the load, ${Math.round(others)}% of it processes neither the tool nor watched: figures include waiting for a core.`,
    );
  }
  const timeouts = total(run.errors, ':TIMEOUT');
  if (timeouts > 0) {
    warnings.push(`${timeouts} requests got no answer within ${run.ackTimeoutMs / 1000} s.`);
  }
  if (run.joinedAtEnd < run.audience) {
    warnings.push(`${run.joinedAtEnd} of ${run.audience} audience sockets were joined at the end.`);
  }
  return warnings;
}

/** The run in a screenful, on stdout. */
export function printSummary(report: LoadReport, reportPath: string, chartPath: string) {
  const line = (name: string, figures: LoadReport['latency'][string] | null | undefined) =>
    figures
      ? `  ${name.padEnd(22)} n=${figures.count}  p50 ${figures.p50} ms  p90 ${figures.p90}  p99 ${figures.p99}  max ${figures.max}`
      : `  ${name.padEnd(22)} -`;
  const errors = Object.entries(report.errors).map(([key, n]) => `${key} ${n}`);
  const { rates, fanout, tool } = report;
  console.log(
    [
      `Event ${report.event.code} on ${report.targets.join(', ')}; ${report.loadProcesses} load processes`,
      `Phases (s): ${Object.entries(report.phases)
        .map(([name, s]) => `${name} ${s}`)
        .join(', ')}`,
      `Joined sockets at the end: ${report.series.at(-1)?.sockets ?? 0} of ${String(report.options.audience)}`,
      `Per second in the load phase: ${rates.submitsOk} questions, ${rates.votesOk} votes, ${rates.moderatorOk} moderator actions, ${rates.acks} acks, ${rates.pushes} messages received`,
      'Latency:',
      ...Object.entries(report.latency).map(([kind, figures]) => line(kind, figures)),
      line('fan-out from ack', fanout.fromAck),
      line('fan-out, last socket', fanout.lastFromAck),
      `  (${fanout.approvals} approvals × ${fanout.sampledSockets} sampled sockets; ${fanout.missing} receipts missing)`,
      `Errors: ${errors.length ? errors.join(', ') : 'none'}`,
      ...report.warnings.map((warning) => `WARNING: ${warning}`),
      `Load tool CPU: ${tool.cpuPercentOfMachine}% of the machine (${report.machine.cores} cores); ${tool.processes
        .map(
          (p) =>
            `${p.source} mean ${p.cpuPercentMean}% max ${p.cpuPercentMax}% (event loop busy ≤ ${Math.round(p.eluMax * 100)}%)`,
        )
        .join('; ')}`,
      ...report.watched.map(
        (w) =>
          `Watched pid ${w.pid}: CPU mean ${w.cpuPercentMean}% max ${w.cpuPercentMax}%, RSS max ${w.rssMBMax} MB`,
      ),
      `Report: ${reportPath}`,
      `Chart:  ${chartPath}`,
    ].join('\n'),
  );
}
