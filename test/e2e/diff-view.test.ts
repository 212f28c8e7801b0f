// The edit diff view in real Chromium: a long diff renders the rows in its box (the rest stood in for by their height), scrolls and keeps its accessible summary; streamed updates keep the unchanged rows' elements.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPair } from '../bench/suites/renderer.js';
import { describeViolations, runAxe } from '../support/axe.js';
import { chromiumSkipReason, launchChromium } from '../support/browser.js';

const skip = chromiumSkipReason();
if (skip) console.warn(`diff view e2e skipped: ${skip}`);

interface Shown {
  rows: number;
  rendered: number;
  first: number;
  firstText: string;
  lastText: string;
  rowPx: number;
  padTop: number;
  scrollHeight: number;
  clientHeight: number;
  region: string;
}

describe.skipIf(skip !== undefined)('DiffView in Chromium: windowed rows, scrolling, streaming', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const { before, after } = diffPair();
  const afterLines = after.split('\n').slice(0, -1);

  const show = async (props: { before: string; after: string; streaming?: boolean; label: string }, hud = false): Promise<void> => {
    await page.evaluate(([p, h]) => (window as unknown as { showDiff(p: unknown, h: boolean): void }).showDiff(p, h as boolean), [props, hud] as const);
    await page.evaluate(() => (window as unknown as { frames(): Promise<void> }).frames());
  };
  const shown = (): Promise<Shown> =>
    page.evaluate(() => {
      const body = document.querySelector('.diff-body') as HTMLElement;
      const code = body.querySelector('code') as HTMLElement;
      const rows = [...body.querySelectorAll('.diff-row')];
      return {
        rows: Number((document.querySelector('figure.diff') as HTMLElement).dataset.rows),
        rendered: rows.length,
        first: Number(code.dataset.firstRow),
        firstText: rows[0]?.textContent ?? '',
        lastText: rows[rows.length - 1]?.textContent ?? '',
        rowPx: rows[0]?.getBoundingClientRect().height ?? 0,
        padTop: Number.parseFloat(code.style.paddingTop || '0'),
        scrollHeight: body.scrollHeight,
        clientHeight: body.clientHeight,
        region: body.getAttribute('aria-label') ?? '',
      };
    });
  const scrollTo = async (top: number | 'end'): Promise<void> => {
    await page.evaluate((t) => {
      const body = document.querySelector('.diff-body') as HTMLElement;
      body.scrollTop = t === 'end' ? body.scrollHeight : t;
    }, top);
    await page.evaluate(() => (window as unknown as { frames(): Promise<void> }).frames());
  };

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(process.cwd(), 'test/e2e/pages/diff-view-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120', define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Diff view</title></head><body><main><div id="root"></div></main></body></html>');
    await page.addStyleTag({ content: readFileSync(join(process.cwd(), 'renderer/src/styles.css'), 'utf8') });
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  });

  afterAll(async () => {
    await browser?.cleanup();
  });

  it('a 500-line diff puts the rows of its box in the DOM, scrolls as if all were there, and says what changed', async () => {
    await show({ before, after, label: 'Changes to 500 lines' });
    const s = await shown();
    expect(s.rows).toBe(618);
    expect(s.rendered).toBeGreaterThan(s.clientHeight / s.rowPx);
    expect(s.rendered).toBeLessThan(120);
    // Rows and padding make the full height: 618 rows of one line each (plus the 2 x 8 px of the <pre>).
    expect(Math.abs(s.scrollHeight - (618 * s.rowPx + 16))).toBeLessThanOrEqual(2);
    expect(s.region).toBe('Changes to 500 lines: 118 lines added, 125 lines removed');
    expect(await runAxe(page, 'serious').then(describeViolations)).toBe('');

    await scrollTo('end');
    const end = await shown();
    expect(end.lastText.trim()).toBe(`${afterLines[afterLines.length - 1]}`.trim());
    expect(end.first).toBeGreaterThan(500);
    expect(end.padTop).toBeCloseTo(end.first * end.rowPx, 3);
    // The rows in view are in the DOM: the one at the top of the box is the row its scroll position says.
    const top = await page.evaluate(() => {
      const body = document.querySelector('.diff-body') as HTMLElement;
      const box = body.getBoundingClientRect();
      return document.elementFromPoint(box.left + 40, box.top + 30)?.closest('.diff-row')?.textContent ?? null;
    });
    expect(top).not.toBeNull();

    // A scroll within the margin renders nothing new; the rows it shows are there already.
    await scrollTo(0);
    const a = await shown();
    await scrollTo(5 * a.rowPx);
    expect((await shown()).first).toBe(a.first);
  });

  it('keyboard: the focused diff scrolls with End and Home, and shows the rows it reaches', async () => {
    await show({ before, after, label: 'Changes to 500 lines' });
    await page.focus('.diff-body');
    await page.keyboard.press('End');
    await expect.poll(async () => (await shown()).first, { timeout: 10_000 }).toBeGreaterThan(500);
    // The key scrolls smoothly: Home is pressed once the box has reached its end (on a busy machine, pressing it
    // mid-animation left the box short of the top in CI).
    const atEnd = (): Promise<boolean> => page.evaluate(() => {
      const box = document.querySelector('.diff-body') as HTMLElement;
      return box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
    });
    await expect.poll(atEnd, { timeout: 10_000 }).toBe(true);
    // Chromium's own key scrolling: headless, a Home right after an End's smooth scroll was sometimes not acted on
    // (scrollTop stayed at the end, 1 run in 5). The key is pressed again until the box is at the top; what is
    // tested here is that the rows rendered follow the scroll.
    const scrollTop = (): Promise<number> => page.evaluate(() => (document.querySelector('.diff-body') as HTMLElement).scrollTop);
    for (let attempt = 0; attempt < 3 && (await scrollTop()) > 0; attempt++) {
      await page.keyboard.press('Home');
      await expect.poll(scrollTop, { timeout: 3_000 }).toBe(0).catch(() => undefined);
    }
    expect(await scrollTop()).toBe(0);
    await expect.poll(async () => (await shown()).first, { timeout: 10_000 }).toBe(0);
    expect((await shown()).firstText).toContain('loadUser0');
  });

  it('in the overlay (18 px lines) the padding is in rows of that height', async () => {
    await show({ before, after, label: 'Changes to 500 lines' }, true);
    await scrollTo(300 * 18);
    const s = await shown();
    expect(s.rowPx).toBe(18);
    expect(s.padTop).toBe(s.first * 18);
  });

  it('a streamed update keeps the elements of the rows that did not change, and the words of those on screen are marked', async () => {
    const partial = (n: number): string => `${afterLines.slice(0, n).join('\n')}\n`;
    await show({ before, after: partial(20), streaming: true, label: 'Changes to 500 lines' });
    const marked = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('.diff-row')].slice(0, 15);
      rows.forEach((r, i) => Object.assign(r, { testMark: i }));
      return rows.length;
    });
    expect(marked).toBe(15);
    await show({ before, after: partial(40), streaming: true, label: 'Changes to 500 lines' });
    const kept = await page.evaluate(() => [...document.querySelectorAll('.diff-row')].slice(0, 15).map((r) => (r as unknown as { testMark?: number }).testMark ?? -1));
    expect(kept).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(await page.locator('.diff-row ins.diff-word').count()).toBeGreaterThan(0);
    expect(await page.locator('.diff-summary').textContent()).toMatch(/to come/);
  });

  it('editor pane inline diff: a streamed update patches the widget, the unchanged rows keep their elements', async () => {
    const pair = diffPair(30);
    const lines = pair.after.split('\n').slice(0, -1);
    const partial = (n: number): string => `${lines.slice(0, n).join('\n')}\n`;
    const inline = (a: string, streaming: boolean): Promise<void> =>
      page.evaluate(([b, x, s]) => (window as unknown as { showEditorDiff(b: string, a: string, s: boolean): void }).showEditorDiff(b as string, x as string, s as boolean), [pair.before, a, streaming] as const);
    await inline(partial(10), true);
    const rows = page.locator('.cm-edit-diff .cm-edit-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    await page.evaluate(() => document.querySelectorAll('.cm-edit-diff .cm-edit-row').forEach((r, i) => Object.assign(r, { testMark: i })));
    const marks = (): Promise<number[]> => page.evaluate(() => [...document.querySelectorAll('.cm-edit-diff .cm-edit-row')].slice(0, 8).map((r) => (r as unknown as { testMark?: number }).testMark ?? -1));
    await inline(partial(20), true);
    expect(await marks()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await inline(pair.after, false);
    expect(await marks()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    await expect(page.locator('.cm-edit-diff').getAttribute('class')).resolves.toBe('cm-edit-diff');
    await expect(page.locator('.cm-edit-diff').getAttribute('aria-label')).resolves.toMatch(/^Proposed edit: \d+ lines? added, \d+ lines? removed$/);
    // The rows are the finished diff's, in order.
    const texts = await rows.allTextContents();
    expect(texts.filter((t) => !t.startsWith('−')).map((t) => t.slice(1).replace(/^added: /, '').replace(/\n$/, ''))).toEqual(lines);
  });
});
