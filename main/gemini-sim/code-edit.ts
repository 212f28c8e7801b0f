// The simulator's answer to an edit prompt: a deterministic, honest edit of the selection it was sent (never a canned answer).
import { requestedLanguage } from './code-answer.js';
import { LANGUAGE_PROFILES, type LanguageProfile } from './code-languages.js';
import { addParameter, addTypes, handleError, makeAsync, rename } from './code-edit-recipes.js';

/** The app's edit prompt starts with this line (main/pipeline/edit-prompt.ts); the simulator imports no app code, so it is repeated. */
const EDIT_MARK = 'Edit the selected code.';

export interface EditPrompt {
  instruction: string;
  selection: string;
  language: string;
}

/** The parts of an edit prompt, or undefined when the prompt is not one. */
export function parseEditPrompt(prompt: string, systemInstruction = ''): EditPrompt | undefined {
  if (!prompt.startsWith(EDIT_MARK)) return undefined;
  const instruction = /^Edit request:\s*"(.*)"\s*$/m.exec(prompt)?.[1] ?? '';
  const lines = prompt.split('\n');
  const at = lines.findIndex((l) => l.startsWith('The selected code'));
  if (at === -1) return undefined;
  const open = /^(`{3,})/.exec(lines[at + 1] ?? '')?.[1];
  if (!open) return undefined;
  const end = lines.findIndex((l, i) => i > at + 1 && l === open);
  if (end === -1) return undefined;
  // A model answers with LF line breaks whatever it was sent: the app restores the selection's own (CRLF stays CRLF).
  const selection = lines.slice(at + 2, end).map((l) => l.replace(/\r$/, '')).join('\n');
  const language = requestedLanguage(`${prompt.split('The selected code')[0] ?? ''}\n${systemInstruction}`);
  return { instruction, selection, language };
}

/** Applies the one recipe the instruction names; anything else: the selection unchanged with a comment naming the request. */
export function editSelection(edit: EditPrompt): { code: string; recipe: string | null } {
  const profile = LANGUAGE_PROFILES[edit.language] as LanguageProfile;
  const said = edit.instruction.toLowerCase().trim();
  const renamed = /\brename\s+(.+?)\s+(?:to|as|into)\s+(.+?)\s*$/i.exec(edit.instruction);
  if (renamed) return { code: rename(edit.selection, renamed[1] as string, renamed[2] as string), recipe: 'rename' };
  if (/\b(?:make|turn)\b.*\basync(?:hronous)?\b/.test(said)) return { code: makeAsync(edit.selection, edit.language), recipe: 'async' };
  const param = /\badd\s+(?:an?\s+)?(?:parameter|param|argument|arg)\s+(?:called\s+|named\s+)?(.+?)\s*$/i.exec(edit.instruction);
  if (param) return { code: addParameter(edit.selection, param[1] as string, edit.language, profile), recipe: 'parameter' };
  if (/\bhandle\b.*\berrors?\b|\berror handling\b|\bcatch\b.*\berrors?\b/.test(said)) return { code: handleError(edit.selection, edit.language), recipe: 'error' };
  if (/\badd\b.*\btypes?\b|\btype (?:hints|annotations)\b/.test(said)) return { code: addTypes(edit.selection, edit.language), recipe: 'types' };
  const note = `Simulated Gemini has no edit recipe for "${edit.instruction.replace(/["\r\n]/g, ' ')}": the selection is unchanged.`;
  const comment = profile.comment ?? '//';
  const first = edit.selection.split('\n').find((l) => l.trim() !== '') ?? '';
  const indent = /^[ \t]*/.exec(first)?.[0] ?? '';
  return { code: `${indent}${comment} ${note}\n${edit.selection}`, recipe: null };
}

/** The whole answer: a sentence, then the replacement in one fenced block (the app keeps only the code). */
export function editAnswer(prompt: string, systemInstruction: string): string | undefined {
  const edit = parseEditPrompt(prompt, systemInstruction);
  if (!edit) return undefined;
  const { code, recipe } = editSelection(edit);
  const profile = LANGUAGE_PROFILES[edit.language] as LanguageProfile;
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  const intro = recipe ? `Here is the selection with the change "${edit.instruction}".` : 'Simulated Gemini left the selection as it was.';
  return [intro, '', `${ticks}${profile.fence}`, code, ticks, ''].join('\n');
}
