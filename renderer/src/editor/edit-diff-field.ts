// CodeMirror state for an edit in the editor pane: the selection it replaces (mapped through typing) and its diff shown inline below it.
import { StateEffect, StateField, type EditorState, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { diffRowInnerHtml } from '../components/diff-html';
import { diffSummary, lineDiff, type DiffRow } from '../model/line-diff';

export interface EditDiff {
  from: number;
  to: number;
  /** The selected text the request was made with. */
  before: string;
  /** The replacement so far ('' until the answer starts). */
  after: string;
  streaming: boolean;
}

export const setEditDiff = StateEffect.define<EditDiff | null>({
  map: (value, mapping) => (value ? { ...value, from: mapping.mapPos(value.from, 1), to: mapping.mapPos(value.to, -1) } : null),
});

/** The diff under the selection, built as DOM (a widget lives outside React); the same rows as components/DiffView.tsx. */
class DiffWidget extends WidgetType {
  constructor(
    readonly before: string,
    readonly after: string,
    readonly streaming: boolean,
  ) {
    super();
  }

  override eq(other: DiffWidget): boolean {
    return other.before === this.before && other.after === this.after && other.streaming === this.streaming;
  }

  toDOM(): HTMLElement {
    const box = document.createElement('div');
    box.append(document.createElement('div'), document.createElement('div'));
    (box.firstChild as HTMLElement).className = 'cm-edit-diff-summary';
    this.fill(box);
    return box;
  }

  /** A streamed update patches the widget in place: rows that did not change keep their elements. */
  override updateDOM(dom: HTMLElement): boolean {
    if (!(dom.firstChild instanceof HTMLElement) || !(dom.children[1] instanceof HTMLElement)) return false;
    this.fill(dom);
    return true;
  }

  private fill(box: HTMLElement): void {
    const diff = lineDiff(this.before, this.after, { partial: this.streaming });
    box.className = `cm-edit-diff${this.streaming ? ' is-streaming' : ''}`;
    box.setAttribute('role', 'group');
    const summary = this.streaming && this.after === '' ? 'Waiting for the edit…' : `Proposed edit: ${diffSummary(diff)}`;
    box.setAttribute('aria-label', summary);
    (box.firstChild as HTMLElement).textContent = this.streaming ? `${summary}${this.after === '' ? '' : ' (writing…)'}` : `${summary}. Ctrl+Enter applies, Esc discards.`;
    patchRows(box.children[1] as HTMLElement, diff.rows);
    let more = box.children[2] as HTMLElement | undefined;
    if (diff.hiddenRows > 0) {
      if (!more) {
        more = document.createElement('div');
        more.className = 'cm-edit-more';
        box.append(more);
      }
      more.textContent = `${diff.hiddenRows} more lines not shown`;
    } else more?.remove();
  }

  override ignoreEvent(): boolean {
    return false;
  }
}

/** What each row element shows, so a patch leaves alone the rows whose text and marks did not change. */
const shownHtml = new WeakMap<Element, string>();

function patchRows(list: HTMLElement, rows: readonly DiffRow[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DiffRow;
    const className = `cm-edit-row cm-edit-${row.kind}`;
    // Escaped by diffRowInnerHtml: the replacement is model output and never markup.
    const html = diffRowInnerHtml(row, 'cm-edit-sign');
    let el = list.children[i];
    if (!el) {
      el = document.createElement('span');
      list.append(el);
    }
    if (el.className !== className) el.className = className;
    if (shownHtml.get(el) !== html) {
      el.innerHTML = html;
      shownHtml.set(el, html);
    }
  }
  while (list.children.length > rows.length) list.lastElementChild?.remove();
}

const replacedLine = Decoration.line({ class: 'cm-edit-replaced' });

function decorate(state: EditorState, edit: EditDiff | null): DecorationSet {
  if (!edit) return Decoration.none;
  const ranges: Array<Range<Decoration>> = [];
  const first = state.doc.lineAt(edit.from);
  const last = state.doc.lineAt(Math.max(edit.from, edit.to - (edit.to > edit.from && state.doc.sliceString(edit.to - 1, edit.to) === '\n' ? 1 : 0)));
  for (let n = first.number; n <= last.number; n++) ranges.push(replacedLine.range(state.doc.line(n).from));
  ranges.push(Decoration.widget({ widget: new DiffWidget(edit.before, edit.after, edit.streaming), block: true, side: 1 }).range(last.to));
  return Decoration.set(ranges, true);
}

/** The pending edit (null when none); its decorations mark the selected lines and put the diff below them. */
export const editDiffField = StateField.define<{ edit: EditDiff | null; decorations: DecorationSet }>({
  create: () => ({ edit: null, decorations: Decoration.none }),
  update(value, tr) {
    let edit = value.edit && tr.docChanged ? { ...value.edit, from: tr.changes.mapPos(value.edit.from, 1), to: tr.changes.mapPos(value.edit.to, -1) } : value.edit;
    let changed = edit !== value.edit;
    for (const effect of tr.effects) {
      if (effect.is(setEditDiff)) {
        edit = effect.value;
        changed = true;
      }
    }
    return changed ? { edit, decorations: decorate(tr.state, edit) } : value;
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.decorations),
});

export type ApplyOutcome = 'applied' | 'none' | 'changed';

/**
 * Replaces the selection with the edit's replacement in one transaction, so the editor's undo (Ctrl+Z) restores it;
 * refuses when the selected text changed since the request ('changed').
 */
export function applyEditDiff(view: EditorView): ApplyOutcome {
  const edit = view.state.field(editDiffField).edit;
  if (!edit || edit.streaming) return 'none';
  if (view.state.doc.sliceString(edit.from, edit.to) !== edit.before) return 'changed';
  view.dispatch({
    changes: { from: edit.from, to: edit.to, insert: edit.after },
    selection: { anchor: edit.from, head: edit.from + edit.after.length },
    effects: setEditDiff.of(null),
    scrollIntoView: true,
    userEvent: 'input.edit',
  });
  return 'applied';
}

/** Clears the diff and leaves the text as it is. */
export function discardEditDiff(view: EditorView): boolean {
  if (!view.state.field(editDiffField).edit) return false;
  view.dispatch({ effects: setEditDiff.of(null) });
  return true;
}
