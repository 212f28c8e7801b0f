// Browser mode's code editor, opened on demand: CodeMirror is a separate chunk, fetched only when the user opens the pane.
import { lazy, Suspense } from 'react';
import type { DictationController } from '../controllers/dictation-controller';

const CodeEditor = lazy(() => import('../editor/CodeEditor').then((m) => ({ default: m.CodeEditor })));

export const EDITOR_REGION_ID = 'editor-region';

/** Whether the page was opened with the editor (?editor=1), e.g. from a bookmark. */
export function editorOpenAtStart(): boolean {
  return new URLSearchParams(window.location.search).get('editor') === '1';
}

export function EditorPane({ controller }: { controller: DictationController }) {
  return (
    <section id={EDITOR_REGION_ID} className="editor-section" aria-labelledby="editor-heading">
      <h2 id="editor-heading" className="section-title">
        Edit code
      </h2>
      <Suspense fallback={<p className="hint" role="status">Loading the editor…</p>}>
        <CodeEditor controller={controller} />
      </Suspense>
    </section>
  );
}

/** Opens and closes the pane; sits in the quick commands' row so a closed editor takes no room of its own. */
export function EditorToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="button ghost editor-toggle" aria-expanded={open} aria-controls={EDITOR_REGION_ID} onClick={onToggle}>
      {open ? 'Close the editor' : 'Open the editor'}
    </button>
  );
}
