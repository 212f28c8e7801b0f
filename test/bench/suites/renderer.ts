// Suite renderer: the edit diff in Chromium: from handing a 500-line before/after pair to DiffView until the next animation frame after it is in the DOM.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumSkipReason } from '../../support/browser.js';
import { stats, type BenchContext } from '../harness.js';

const SAMPLES = 150;
const WARMUP = 15;
const LINES = 500;

/** 500 lines of TypeScript and an edit of them as a model makes one: renames, changed lines, lines added and removed. */
export function diffPair(lines = LINES): { before: string; after: string } {
  const before: string[] = [];
  for (let i = 0; i < lines; i++) {
    const block = i % 10;
    before.push(
      block === 0 ? `export async function loadUser${i}(id: number, options: LoadOptions = {}): Promise<User> {`
        : block === 9 ? '}'
          : `  const value${i} = await fetchJson(\`/api/users/\${id}/items/${i}\`, { retries: options.retries ?? 3 }); // step ${i}`,
    );
  }
  const after: string[] = [];
  for (let i = 0; i < lines; i++) {
    const line = before[i] as string;
    if (i % 25 === 7) continue; // removed
    if (i % 10 === 0) after.push(line.replace('loadUser', 'loadAccount').replace('options: LoadOptions = {}', 'options: LoadOptions = {}, signal?: AbortSignal'));
    else if (i % 7 === 3) after.push(line.replace('retries: options.retries ?? 3', 'retries: options.retries ?? 5, signal'));
    else after.push(line);
    if (i % 40 === 5) after.push(`  if (signal?.aborted) throw new AbortError('cancelled at step ${i}');`); // added
  }
  return { before: `${before.join('\n')}\n`, after: `${after.join('\n')}\n` };
}

function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export async function run(ctx: BenchContext): Promise<void> {
  const skip = chromiumSkipReason();
  if (skip) throw new Error(`renderer suite needs Chromium: ${skip}`);
  ctx.step('bundling the bench page');
  const bundle = await build({
    entryPoints: [join(process.cwd(), 'test/bench/pages/diff-bench-page.ts')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const css = readFileSync(join(process.cwd(), 'renderer/src/styles.css'), 'utf8');

  ctx.step('starting Chromium');
  // Without a frame-rate limit the next animation frame comes when the page is ready for it, not at the next 60 Hz
  // vsync: the time measures our work (diff, React, style, layout), not where in a 16.7 ms period it started.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div></body></html>');
    await page.addStyleTag({ content: css });
    await page.addScriptTag({ content: script });
    const { before, after } = diffPair();
    const sample = (): Promise<{ totalMs: number; domMs: number; rows: number; renderedRows: number }> =>
      page.evaluate(
        async ([b, a]) => {
          const w = window as unknown as { benchDiff(b: string, a: string): Promise<{ totalMs: number; domMs: number; rows: number; renderedRows: number }>; benchClear(): Promise<void> };
          await w.benchClear();
          return w.benchDiff(b as string, a as string);
        },
        [before, after],
      );
    for (let i = 0; i < WARMUP; i++) {
      ctx.step(`warm-up ${i + 1} of ${WARMUP}`);
      await sample();
    }
    const total: number[] = [];
    const dom: number[] = [];
    /** From the commit to the next frame: Chromium's frame pacing (an idle page ticks at about 60 Hz), not our work. */
    const wait: number[] = [];
    let rows = 0;
    let renderedRows = 0;
    for (let i = 0; i < SAMPLES; i++) {
      ctx.step(`sample ${i + 1} of ${SAMPLES}`);
      const s = await sample();
      total.push(s.totalMs);
      dom.push(s.domMs);
      wait.push(s.totalMs - s.domMs);
      rows = s.rows;
      renderedRows = s.renderedRows;
    }
    // Where the time goes: the diff model, its HTML, and parsing that HTML (no React, no layout).
    const parts = { model: [] as number[], html: [] as number[], dom: [] as number[] };
    for (let i = 0; i < 50; i++) {
      const p = await page.evaluate(([b, a]) => (window as unknown as { benchModel(b: string, a: string): { model: number; html: number; dom: number } }).benchModel(b as string, a as string), [before, after]);
      parts.model.push(p.model);
      parts.html.push(p.html);
      parts.dom.push(p.dom);
    }
    // The floor: the same protocol with an empty view (same number of samples as the diff, so the p99s compare).
    const empty: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      if (i % 25 === 0) ctx.step(`empty view ${i + 1} of ${SAMPLES}`);
      empty.push(await page.evaluate(async () => {
        const w = window as unknown as { benchEmpty(): Promise<number>; benchClear(): Promise<void> };
        await w.benchClear();
        return w.benchEmpty();
      }));
    }
    const e = stats(empty);
    const m = stats(parts.model);
    if (rows < LINES) throw new Error(`the diff view showed ${rows} rows for a ${LINES}-line pair`);
    const t = stats(total);
    const d = stats(dom);
    const sorted = [...total].sort((x, y) => x - y);
    ctx.record('renderer.diff_500_lines_p99_ms', {
      value: t.p99,
      unit: 'ms',
      better: 'lower',
      goal: 16,
      detail: {
        p50: t.median, p90: quantile(sorted, 0.9), p99: t.p99, max: t.max, samples: t.n, rows, rendered_rows: renderedRows,
        before_lines: LINES, after_lines: after.split('\n').length - 1,
        in_dom_p50: d.median, in_dom_p99: d.p99, frame_wait_p50: stats(wait).median, frame_wait_p99: stats(wait).p99,
        empty_view_p50: e.median, empty_view_p90: e.p90, empty_view_p99: e.p99, model_only_p50: m.median, model_only_p99: m.p99, html_only_p50: stats(parts.html).median, parse_html_p50: stats(parts.dom).median, load_average_1m: loadavg()[0],
        how: 'Chromium, frame-rate limit off; fresh DiffView mount per sample from an empty root; time to the first requestAnimationFrame after the commit',
        empty_view: 'the same protocol mounting a one-paragraph view: what the page measures whatever the view does (an idle headless page still gets its next frame about 16.7 ms after the last one)',
      },
    });
  } finally {
    await browser.close();
  }
}
