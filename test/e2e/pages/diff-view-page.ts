// Test page (bundled by e2e/diff-view.test.ts): the real DiffView, mounted and re-rendered with the props a test gives it.
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DiffView, type DiffViewProps } from '../../../renderer/src/components/DiffView';
import { editDiffField, setEditDiff } from '../../../renderer/src/editor/edit-diff-field';

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

let editor: EditorView | null = null;

/** The editor pane's inline diff: `before` is the whole document and the selection; the diff shows below it. */
function showEditorDiff(before: string, after: string, streaming: boolean): void {
  if (!editor) {
    const host = document.createElement('div');
    host.className = 'editor-host';
    document.body.append(host);
    editor = new EditorView({ state: EditorState.create({ doc: before, extensions: [editDiffField] }), parent: host });
  }
  editor.dispatch({ effects: setEditDiff.of({ from: 0, to: before.length, before, after, streaming }) });
}

Object.assign(window, { showDiff: show, showEditorDiff, frames });
