// The browser's editor pane (loaded on demand): CodeMirror 6 where the user pastes code, selects, and edits it by voice or typing.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { EDIT_SELECTION_MAX_BYTES } from '../../../preload/contract';
import type { DictationController } from '../controllers/dictation-controller';
import { streamingCode, type DictationState } from '../model/dictation-state';
import { countLines } from '../model/line-diff';
import { applyEditDiff, discardEditDiff, editDiffField, setEditDiff } from './edit-diff-field';

const LANGUAGES = { python: { label: 'Python', ext: () => python() }, typescript: { label: 'TypeScript', ext: () => javascript({ typescript: true }) }, javascript: { label: 'JavaScript', ext: () => javascript() } } as const;
type Language = keyof typeof LANGUAGES;

const HINT = 'Select lines, then hold to talk or type what to change.';

function tooLarge(text: string): boolean {
  return text.length > EDIT_SELECTION_MAX_BYTES || new TextEncoder().encode(text).byteLength > EDIT_SELECTION_MAX_BYTES;
}

export interface CodeEditorProps {
  controller: DictationController;
}

export function CodeEditor({ controller }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const [language, setLanguage] = useState<Language>('python');
  const languageRef = useRef<Language>(language);
  const [status, setStatus] = useState(HINT);
  const [proposal, setProposal] = useState<'none' | 'writing' | 'ready'>('none');
  /** The selection of the request in flight (its text), so a later unrelated request does not touch the editor. */
  const pending = useRef<{ before: string; requestId: number | null } | null>(null);
  const actions = useRef<{ apply(view: EditorView): boolean; discard(view: EditorView): boolean } | null>(null);

  useEffect(() => {
    const apply = (view: EditorView): boolean => {
      const outcome = applyEditDiff(view);
      if (outcome === 'none') return false;
      if (outcome === 'changed') setStatus('The selected text changed since the request: the edit was not applied. Discard it and ask again.');
      else {
        pending.current = null;
        setProposal('none');
        controller.dismiss();
        setStatus('Edit applied. Ctrl+Z undoes it.');
      }
      return true;
    };
    /** Drops the proposal from the editor (the text stays as it is). */
    const clear = (view: EditorView, message: string): boolean => {
      if (!discardEditDiff(view)) return false;
      pending.current = null;
      setProposal('none');
      setStatus(message);
      return true;
    };
    const discard = (view: EditorView): boolean => {
      if (!clear(view, `Edit discarded. ${HINT}`)) return false;
      void controller.cancel().then(() => controller.dismiss());
      return true;
    };
    actions.current = { apply, discard };
    const view = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          languageSlot.current.of(LANGUAGES[languageRef.current].ext()),
          placeholder('Paste or type code here'),
          editDiffField,
          Prec.high(keymap.of([{ key: 'Mod-Enter', run: apply }, { key: 'Escape', run: discard }])),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': 'Code to edit', 'aria-describedby': 'editor-status' }),
          EditorView.updateListener.of((update) => {
            if (!update.selectionSet && !update.docChanged) return;
            if (update.state.field(editDiffField).edit) return;
            const sel = update.state.selection.main;
            if (sel.empty) setStatus(HINT);
            else {
              const text = update.state.sliceDoc(sel.from, sel.to);
              setStatus(tooLarge(text) ? 'The selection is over 64 KB: select less to edit it.' : `${countLines(text)} ${countLines(text) === 1 ? 'line' : 'lines'} selected: hold to talk or type what to change.`);
            }
          }),
        ],
      }),
    });
    viewRef.current = view;

    const unsetSource = controller.setEditSource(() => {
      const sel = view.state.selection.main;
      if (sel.empty) return undefined;
      const before = view.state.sliceDoc(sel.from, sel.to);
      if (tooLarge(before)) return undefined;
      pending.current = { before, requestId: null };
      setProposal('writing');
      view.dispatch({ effects: setEditDiff.of({ from: sel.from, to: sel.to, before, after: '', streaming: true }) });
      return { selection: before, language: languageRef.current };
    });

    const follow = (state: DictationState): void => {
      const mine = pending.current;
      if (!mine) return;
      if (mine.requestId === null && state.requestId !== null && state.edit?.before === mine.before) mine.requestId = state.requestId;
      if (mine.requestId !== null && state.requestId !== mine.requestId) {
        // Another request replaced this one (or it was dismissed elsewhere): the proposal is gone.
        clear(view, HINT);
        return;
      }
      const current = view.state.field(editDiffField).edit;
      if (!current) return;
      if (state.phase === 'error' || state.phase === 'cancelled' || state.phase === 'idle') {
        clear(view, state.phase === 'error' ? `The edit failed: ${state.error?.message ?? 'unknown error'}` : HINT);
        return;
      }
      const after = state.result?.edit?.after ?? (state.result ? state.result.code : streamingCode(state.streamed));
      const streaming = state.phase !== 'done';
      if (current.after !== after || current.streaming !== streaming) view.dispatch({ effects: setEditDiff.of({ ...current, after, streaming }) });
      setProposal(streaming ? 'writing' : 'ready');
      setStatus(streaming ? `Editing ${countLines(mine.before)} lines…` : 'Edit ready: Apply (Ctrl+Enter) or Discard (Esc).');
    };
    const unsubscribe = controller.subscribe(() => follow(controller.getState()));

    return () => {
      unsubscribe();
      unsetSource();
      actions.current = null;
      view.destroy();
      viewRef.current = null;
    };
  }, [controller]);

  const chooseLanguage = (next: Language): void => {
    setLanguage(next);
    languageRef.current = next;
    viewRef.current?.dispatch({ effects: languageSlot.current.reconfigure(LANGUAGES[next].ext()) });
  };

  const run = (action: 'apply' | 'discard'): void => {
    const view = viewRef.current;
    if (!view) return;
    actions.current?.[action](view);
    view.focus();
  };

  return (
    <div className="editor-pane">
      <div className="editor-toolbar">
        <label className="editor-language">
          Language{' '}
          <select value={language} onChange={(e) => chooseLanguage(e.target.value as Language)}>
            {Object.entries(LANGUAGES).map(([key, l]) => (
              <option key={key} value={key}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" className="button primary" disabled={proposal !== 'ready'} onClick={() => run('apply')}>
          Apply edit
        </button>
        <button type="button" className="button ghost" disabled={proposal === 'none'} onClick={() => run('discard')}>
          Discard edit
        </button>
      </div>
      <div ref={host} className="editor-host" />
      <p id="editor-status" className="hint editor-status" role="status">
        {status}
      </p>
    </div>
  );
}
