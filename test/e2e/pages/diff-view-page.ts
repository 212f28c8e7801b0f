// Test page (bundled by e2e/diff-view.test.ts): the real DiffView, mounted and re-rendered with the props a test gives it.
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DiffView, type DiffViewProps } from '../../../renderer/src/components/DiffView';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('diff view page: no #root');
const root = createRoot(rootElement);

/** Renders the view (inside the overlay's .hud when `hud`), committed before this returns. */
function show(props: DiffViewProps, hud = false): void {
  const view = createElement(DiffView, props);
  flushSync(() => root.render(hud ? createElement('div', { className: 'hud' }, view) : view));
}

/** Resolves after the next frame and the effects that follow it (the view measures itself then). */
function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) setTimeout(resolve, 0);
      else requestAnimationFrame(() => step(left - 1));
    };
    step(n);
  });
}

Object.assign(window, { showDiff: show, frames });
