// Bench page (bundled by suites/renderer.ts): mounts the real DiffView for a before/after pair and times it until the next frame after it is in the DOM.
import { createElement, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { DiffView } from '../../../renderer/src/components/DiffView';
import { diffRowsHtml } from '../../../renderer/src/components/diff-html';
import { lineDiff } from '../../../renderer/src/model/line-diff';

export interface DiffSample {
  /** From handing the pair to the view until the next animation frame after the view is in the DOM. */
  totalMs: number;
  /** From handing the pair to the view until React committed it to the DOM. */
  domMs: number;
  /** Rows of the diff (the figure's data-rows). */
  rows: number;
  /** Rows of it in the DOM: the view renders those in its scrolling box and a margin. */
  renderedRows: number;
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('bench page: no #root');
const root = createRoot(rootElement);
let mounts = 0;

function Probe({ before, after, onCommit }: { before: string; after: string; onCommit: () => void }) {
  // A parent's layout effect runs after its children's DOM is in place.
  useLayoutEffect(onCommit, [onCommit]);
  return createElement(DiffView, { before, after, label: 'Bench diff' });
}

function benchDiff(before: string, after: string): Promise<DiffSample> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const onCommit = (): void => {
      const domMs = performance.now() - t0;
      requestAnimationFrame(() => {
        const totalMs = performance.now() - t0;
        const figure = document.querySelector<HTMLElement>('figure.diff');
        resolve({ totalMs, domMs, rows: Number(figure?.dataset.rows ?? 0), renderedRows: document.querySelectorAll('.diff-row').length });
      });
    };
    root.render(createElement(Probe, { key: ++mounts, before, after, onCommit }));
  });
}

function EmptyProbe({ onCommit }: { onCommit: () => void }) {
  useLayoutEffect(onCommit, [onCommit]);
  return createElement('p', null, 'empty');
}

/**
 * The same steps with a one-paragraph view instead of the diff: the floor this page's protocol measures whatever the
 * view does (Chromium's frame pacing between the commit and the next animation frame), for the detail.
 */
function benchEmpty(): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const onCommit = (): void => {
      requestAnimationFrame(() => resolve(performance.now() - t0));
    };
    root.render(createElement(EmptyProbe, { key: ++mounts, onCommit }));
  });
}

/** Empties the page and waits a frame, so each sample starts from nothing on screen. */
function clear(): Promise<void> {
  root.render(null);
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The diff model alone (no React, no DOM), for the detail: where the time goes. */
function benchModel(before: string, after: string): { model: number; html: number; dom: number } {
  const t0 = performance.now();
  const diff = lineDiff(before, after);
  const t1 = performance.now();
  const html = diffRowsHtml(diff.rows);
  const t2 = performance.now();
  const probe = document.createElement('pre');
  probe.innerHTML = html;
  return { model: t1 - t0, html: t2 - t1, dom: performance.now() - t2 };
}

Object.assign(window, { benchDiff, benchEmpty, benchClear: clear, benchModel });
