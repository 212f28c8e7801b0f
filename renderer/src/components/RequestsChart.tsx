// Requests and errors over time as a small uPlot line chart, sized to its container, with a text summary for screen readers.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from '../model/dashboard-model';

export function RequestsChart({ series, height = 160 }: { series: readonly SeriesPoint[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          stroke: '#c9d1d9',
          grid: { stroke: '#2c3038' },
          ticks: { stroke: '#2c3038' },
          space: 70,
          // Clock times only: uPlot's default adds a date line that the card's edge cuts.
          values: (_u, splits) => splits.map((s) => new Date(s * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })),
        },
        { stroke: '#c9d1d9', grid: { stroke: '#2c3038' }, ticks: { stroke: '#2c3038' }, size: 40 },
      ],
      series: [{}, { label: 'Requests', stroke: '#7cc4ff', width: 2, fill: 'rgba(124,196,255,0.12)' }, { label: 'Errors', stroke: '#ff8a80', width: 2 }],
    };
    const u = new uPlot(opts, [[], [], []], el);
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [height]);

  useEffect(() => {
    // One point gives uPlot no time span (it zooms out to years): start the line at zero 30 s earlier.
    const points = series.length === 1 && series[0] ? [{ t: series[0].t - 30, requests: 0, errors: 0 }, series[0]] : series;
    plot.current?.setData([points.map((p) => p.t), points.map((p) => p.requests), points.map((p) => p.errors)]);
  }, [series]);

  const totalReq = series.reduce((a, p) => a + p.requests, 0);
  const totalErr = series.reduce((a, p) => a + p.errors, 0);
  return (
    <figure className="chart">
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <figcaption className="muted">
        {series.length < 2 ? 'The chart fills in as the dashboard updates.' : `${totalReq} ${totalReq === 1 ? 'request' : 'requests'} and ${totalErr} ${totalErr === 1 ? 'error' : 'errors'} over the last ${series.length} updates.`}
      </figcaption>
    </figure>
  );
}
