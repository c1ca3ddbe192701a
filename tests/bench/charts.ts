/**
 * The benchmarks' charts: vega-lite panels rendered to SVG in Node (vega's headless
 * renderer, as the load tool's chart.ts does), stacked under one title.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

type Panel = NonNullable<Extract<TopLevelSpec, { vconcat: unknown }>['vconcat']>[number];

/** Horizontal bars, one per row's label and series, and an optional target as a rule. */
export function bars(
  title: string,
  unit: string,
  rows: { label: string; series: string; value: number }[],
  target?: { value: number; label: string },
): Panel {
  const x = { field: 'value', type: 'quantitative' as const, title: unit };
  return {
    title,
    width: 560,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar' as const, tooltip: true },
        encoding: {
          y: { field: 'label', type: 'nominal' as const, title: null, sort: null },
          yOffset: { field: 'series', type: 'nominal' as const },
          x,
          color: { field: 'series', type: 'nominal' as const, title: null },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'text' as const, align: 'left' as const, dx: 3, fontSize: 10 },
        encoding: {
          y: { field: 'label', type: 'nominal' as const, sort: null },
          yOffset: { field: 'series', type: 'nominal' as const },
          x,
          text: { field: 'value', type: 'quantitative' as const, format: ',.1~f' },
        },
      },
      ...(target
        ? [
            {
              data: { values: [target] },
              mark: { type: 'rule' as const, color: '#c00', strokeDash: [4, 4] },
              encoding: { x: { field: 'value', type: 'quantitative' as const } },
            },
            {
              data: { values: [target] },
              mark: {
                type: 'text' as const,
                color: '#c00',
                align: 'left' as const,
                dx: 3,
                y: -6,
                fontSize: 10,
              },
              encoding: {
                x: { field: 'value', type: 'quantitative' as const },
                text: { field: 'label' },
              },
            },
          ]
        : []),
    ],
  };
}

/** Lines over x, one per series, with points. */
export function lines(
  title: string,
  xTitle: string,
  unit: string,
  rows: { x: number; series: string; value: number }[],
  logX = false,
): Panel {
  return {
    title,
    width: 560,
    height: 180,
    data: { values: rows },
    mark: { type: 'line' as const, point: true, tooltip: true },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative' as const,
        title: xTitle,
        ...(logX && { scale: { type: 'symlog' as const } }),
      },
      y: { field: 'value', type: 'quantitative' as const, title: unit },
      color: { field: 'series', type: 'nominal' as const, title: null },
    },
  };
}

/** The panels stacked under a title, as an SVG string. */
export async function renderPanels(title: string, subtitle: string[], panels: Panel[]) {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    config: { legend: { labelLimit: 300 } },
    title: { text: title, subtitle },
    vconcat: panels,
    resolve: { scale: { color: 'independent' } },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
