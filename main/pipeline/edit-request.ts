// What an edit request adds to the pipeline's events, prompt, result and history: small pure helpers so voice-pipeline.ts stays one flow.
import type { EditTarget, PipelineEvent, PipelineResult } from '../../preload/contract.js';
import { fitReplacement, restoreSecrets, selectionLineCount } from './edit-fit.js';
import { secretRanges } from './redact.js';
import type { Redactor } from './ports.js';

/** The first event of an edit: the selection it changes ("editing 14 lines in APP"; the diff view's left side). */
export function editEvent(edit: EditTarget): Extract<PipelineEvent, { type: 'edit' }> {
  return { type: 'edit', before: edit.selection, lines: selectionLineCount(edit.selection), ...(edit.app ? { app: edit.app } : {}) };
}

export function editPromptFields(edit: EditTarget | undefined): { edit?: { selection: string; app?: string } } {
  return edit ? { edit: { selection: edit.selection, ...(edit.app ? { app: edit.app } : {}) } } : {};
}

export interface EditOutcome {
  /** The result's edit: the selection and its full replacement (what Apply pastes over the selection). */
  result: { before: string; after: string; app?: string };
  /** The same, redacted, for History. */
  history: { before: string; after: string; app?: string };
  /** False when the answer had no code: the replacement is then the selection unchanged. */
  hasCode: boolean;
}

/** The replacement fitted to the selection (indentation, line endings, final newline); prose never becomes part of it. */
export function editOutcome(edit: EditTarget, code: string, redact: Redactor | undefined, source?: string): EditOutcome {
  const hasCode = code.trim() !== '' && source !== 'prose' && source !== 'empty';
  // The model saw the selection redacted: its secrets go back where the answer kept their marks.
  const fitted = hasCode ? fitReplacement(code, edit.selection) : edit.selection;
  const after = fitted.includes('[REDACTED:') ? restoreSecrets(fitted, edit.selection, secretRanges(edit.selection).ranges) : fitted;
  const app = edit.app ? { app: edit.app } : {};
  const clean = redact ?? ((text: string) => text);
  return { result: { before: edit.selection, after, ...app }, history: { before: clean(edit.selection), after: clean(after), ...app }, hasCode };
}

export function editResultFields(outcome: EditOutcome | null): Pick<PipelineResult, 'edit'> {
  return outcome ? { edit: outcome.result } : {};
}
