import type { Summary } from '@dais/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useDateTime } from '../../hooks/useDateTime';

const HEIGHT = 240;
/** Whole questions only on the y axis. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];
/** Time ticks on whole minutes and hours (uPlot's time scale counts seconds). */
const MINUTE_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200];

/**
 * Questions per minute as bars (uPlot on a canvas: a day of minutes stays fast, and
 * its legend reads out the minute under the cursor). The figure's caption says the
 * same in words, for screen readers and at a glance.
 */
export function PerMinuteChart({ perMinute }: { perMinute: Summary['perMinute'] }) {
  const { t } = useTranslation();
  const { time } = useDateTime();
  const box = useRef<HTMLDivElement>(null);
  const total = perMinute.reduce((sum, { questions }) => sum + questions, 0);
  const peak = Math.max(0, ...perMinute.map(({ questions }) => questions));

  useEffect(() => {
    const element = box.current;
    if (!element || perMinute.length === 0) return;
    const data: uPlot.AlignedData = [
      perMinute.map(({ minute }) => minute / 1000),
      perMinute.map(({ questions }) => questions),
    ];
    const clock = (seconds: number) => time(seconds * 1000);
    const [from = 0, to = 0] = [data[0][0], data[0].at(-1)];
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        scales: {
          // From the data (uPlot widens a lone point's range to days): half a minute on each
          // side, so the first and last bars show whole.
          x: { time: true, range: () => [from - 30, to + 30] },
          y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
        },
        series: [
          { label: t('summary.chart.time'), value: (_u, v) => (v == null ? '–' : clock(v)) },
          {
            label: t('summary.chart.series'),
            stroke: '#4f46e5',
            fill: 'rgba(79, 70, 229, 0.35)',
            paths: uPlot.paths.bars?.({ size: [0.9, 40] }),
            points: { show: false },
          },
        ],
        axes: [
          { incrs: MINUTE_STEPS, values: (_u, splits) => splits.map(clock) },
          { incrs: COUNT_STEPS, values: (_u, splits) => splits.map(String) },
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [perMinute, t, time]);

  const first = perMinute[0];
  const last = perMinute.at(-1);
  return (
    <figure
      className="summary-chart"
      data-testid="summary-chart"
      data-minutes={perMinute.length}
      data-total={total}
      data-peak={peak}
    >
      {first && last ? (
        <>
          <div ref={box} className="summary-chart__plot" />
          <figcaption className="setting__hint">
            {t('summary.chart.label', {
              from: time(first.minute),
              to: time(last.minute),
              peak,
            })}
          </figcaption>
        </>
      ) : (
        <p className="empty">{t('summary.chart.empty')}</p>
      )}
    </figure>
  );
}
