import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { LoadReport } from './report';

type Row = { second: number; series: string; value: number };
type Boundary = { second: number; phase: string };

/** One panel: lines over the run's seconds, one per series, and the phases' starts as rules. */
function panel(title: string, unit: string, rows: Row[], boundaries: Boundary[]) {
  const x = { field: 'second', type: 'quantitative' as const, title: 'seconds since start' };
  return {
    title,
    width: 700,
    height: 150,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line' as const, point: rows.length < 200 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' as const, title: unit },
          color: { field: 'series', type: 'nominal' as const, title: null },
        },
      },
      {
        data: { values: boundaries },
        mark: { type: 'rule' as const, strokeDash: [4, 4], color: '#888' },
        encoding: { x },
      },
      {
        data: { values: boundaries },
        mark: {
          type: 'text' as const,
          align: 'left' as const,
          dx: 3,
          y: 0,
          baseline: 'top' as const,
          color: '#666',
        },
        encoding: { x, text: { field: 'phase' } },
      },
    ],
  };
}

/** Rows of the named series, leaving out seconds without a value (no samples). */
type Point = LoadReport['series'][number];
function rows(report: LoadReport, series: Record<string, (p: Point) => number | null>) {
  return report.series.flatMap((point) =>
    Object.entries(series).flatMap(([name, value]) => {
      const v = value(point);
      return v === null ? [] : [{ second: point.second, series: name, value: v }];
    }),
  );
}

/**
 * The chart of a run: throughput, ack latency, fan-out, connected sockets and CPU
 * over time, as an SVG string. vega renders it headless (renderer 'none', no canvas).
 */
export async function renderChart(report: LoadReport): Promise<string> {
  const watched = report.watched.map((w) => String(w.pid));
  let start = 0;
  // Where each phase begins (the run's start needs no rule).
  const boundaries = Object.entries(report.phases).flatMap(([phase, seconds]) => {
    const boundary = { second: start, phase };
    start += seconds;
    return boundary.second > 0 ? [boundary] : [];
  });
  const chart = (title: string, unit: string, series: Parameters<typeof rows>[1]) =>
    panel(title, unit, rows(report, series), boundaries);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    config: { legend: { labelLimit: 300 } },
    title: {
      text: `Dais load: ${report.scenario ?? 'custom'} on ${report.targets.join(', ')}`,
      subtitle: `${report.startedAt} · ${report.machine.cores} cores · ${report.loadProcesses} load processes · ${report.command}`,
    },
    vconcat: [
      chart('Throughput', 'per second', {
        'questions acked': (p) => p.submitsOk,
        'votes acked': (p) => p.votesOk,
        'moderator actions acked': (p) => p.moderatorOk,
        errors: (p) => p.errors,
      }),
      chart('Ack latency', 'ms', {
        'submit p50': (p) => p.submitP50,
        'submit p99': (p) => p.submitP99,
        'vote p50': (p) => p.voteP50,
        'vote p99': (p) => p.voteP99,
        'moderator p99': (p) => p.moderatorP99,
        'fan-out p99 (from ack)': (p) => p.fanoutP99,
      }),
      chart('Audience sockets', 'joined', { joined: (p) => p.sockets }),
      chart('Messages the audience received', 'per second', { received: (p) => p.pushes }),
      chart('CPU', '% of one core', {
        'whole machine': (p) => p.machineCpuPercent,
        'load tool (all processes)': (p) => p.toolCpuPercent,
        ...Object.fromEntries(
          watched.map((pid) => [`pid ${pid}`, (p: Point) => p.watchedCpuPercent[pid] ?? null]),
        ),
      }),
    ],
    resolve: { scale: { x: 'shared', color: 'independent' } },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
