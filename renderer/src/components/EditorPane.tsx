// Browser mode's code editor, opened on demand: CodeMirror is a separate chunk, fetched only when the user opens the pane.
import { lazy, Suspense, useState } from 'react';
import type { DictationController } from '../controllers/dictation-controller';

const CodeEditor = lazy(() => import('../editor/CodeEditor').then((m) => ({ default: m.CodeEditor })));

export function EditorPane({ controller }: { controller: DictationController }) {
  const [open, setOpen] = useState(() => new URLSearchParams(window.location.search).get('editor') === '1');
  return (
    <section className="editor-section" aria-label="Code editor">
      <div className="editor-heading">
        <h2 className="section-title">Edit code</h2>
        <button type="button" className="button ghost" aria-expanded={open} aria-controls="editor-region" onClick={() => setOpen((o) => !o)}>
          {open ? 'Close the editor' : 'Open the editor'}
        </button>
      </div>
      {open ? (
        <div id="editor-region">
          <Suspense fallback={<p className="hint" role="status">Loading the editor…</p>}>
            <CodeEditor controller={controller} />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
