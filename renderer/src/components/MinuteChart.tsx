// The last hour minute by minute as a small uPlot chart (requests and errors, or stage p50/p95), with a text summary for screen readers.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MinutePoint } from '../model/dashboard-model';

export interface ChartLine {
  label: string;
  color: string;
  value: (p: MinutePoint) => number | null;
  dash?: number[];
}

export interface MinuteChartProps {
  points: readonly MinutePoint[];
  lines: readonly ChartLine[];
  /** Says in words what the chart shows (the canvas is hidden from screen readers). */
  summary: string;
  /** The snapshot's time: the x axis is always the hour before it. */
  now: number | null;
  height?: number;
}

const clock = (seconds: number): string => new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function MinuteChart({ points, lines, summary, now, height = 150 }: MinuteChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The last hour, whatever the points: one point must not zoom the axis to a few seconds.
  const end = (now ?? Date.now()) / 1000;
  const span = useRef<[number, number]>([end - 3600, end + 30]);
  span.current = [end - 3600, end + 30];

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      // The legend names the lines; values show while the pointer is over the chart (never "--" at rest).
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: () => span.current }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: '#c9d1d9', grid: { stroke: '#2c3038' }, ticks: { stroke: '#2c3038' }, space: 80, values: (_u, splits) => splits.map(clock) },
        { stroke: '#c9d1d9', grid: { stroke: '#2c3038' }, ticks: { stroke: '#2c3038' }, size: 56 },
      ],
      series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, points: { show: true, size: 4 }, ...(l.dash ? { dash: l.dash } : {}) }))],
    };
    const u = new uPlot(opts, [[], ...lines.map(() => [])], el);
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [height, lines]);

  useEffect(() => {
    plot.current?.setData([points.map((p) => p.at / 1000), ...lines.map((l) => points.map((p) => l.value(p)))]);
  }, [points, lines, end]);

  return (
    <figure className="chart">
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
