// The edit prompt: the selection, the instruction and the language; asks for the full replacement of the selection only.
import type { LanguageId } from '../config/schema.js';
import { detectLanguage } from '../intent/language-detect.js';
import { LANGUAGE_NAMES, canonicalLanguage } from '../intent/languages.js';
import { utf8Bytes } from './edit-fit.js';
import { fence, type BuiltPrompt } from './prompts.js';
import { redactSecrets, type SecretKind } from './redact.js';

/** The first line of every edit prompt: the simulator and the tests recognise an edit by it. */
export const EDIT_PROMPT_MARK = 'Edit the selected code.';

export interface EditPromptInput {
  /** The request as said or typed (the instruction). */
  transcript: string;
  selection: string;
  /** The language resolved by editLanguage. */
  language: string;
  /** The app the selection is in, when known (it hints at the file type). */
  app?: string;
}

/** The edit's language: the edit target's when given, else detected from the selection, else the request's, else the default. */
export function editLanguage(edit: { selection: string; language?: string | undefined }, requestLanguage: string | undefined, defaultLanguage: string): string {
  return canonicalLanguage(edit.language) ?? edit.language?.trim().toLowerCase() ?? detectLanguage(edit.selection) ?? canonicalLanguage(requestLanguage) ?? defaultLanguage;
}

/**
 * The answer repeats the whole selection with the change: its output limit grows with the selection (code is about
 * 3 to 4 bytes a token; 2.5 leaves room for the change and non-ASCII text), up to the models' 65,536.
 */
export function editOutputTokens(selection: string): number {
  return Math.min(65_536, Math.ceil(utf8Bytes(selection) / 2.5) + 1024);
}

export function buildEditPrompt(input: EditPromptInput): BuiltPrompt {
  const id = canonicalLanguage(input.language) ?? input.language;
  const display = LANGUAGE_NAMES[id as LanguageId] ?? id;
  const redactions: Partial<Record<SecretKind, number>> = {};
  const clean = (text: string): string => {
    const r = redactSecrets(text);
    for (const [kind, n] of Object.entries(r.counts) as Array<[SecretKind, number]>) redactions[kind] = (redactions[kind] ?? 0) + n;
    return r.text;
  };
  const systemInstruction = [
    `You are an expert ${display} engineer inside a voice coding assistant. The user selected code in their editor and asked for a change to it.`,
    'Requests are usually spoken and transcribed: read identifiers and technical terms charitably (a misheard word is more likely than a nonsense request).',
    `Answer with exactly one fenced code block tagged \`\`\`${id} holding the full replacement of the selection: the whole selected code with the change made, and nothing before or after the block.`,
    'The replacement goes exactly where the selection was: do not add code from outside the selection, do not wrap it in a function or a file, and keep everything the request does not ask to change as it is (names, comments, order, blank lines).',
    'Put any explanation in comments inside the code. Never include secrets.',
  ].join('\n');
  const parts = [
    EDIT_PROMPT_MARK,
    `Edit request: "${clean(input.transcript.trim())}"`,
    `Language: ${display}`,
    ...(input.app ? [`App: ${clean(input.app)}`] : []),
    '',
    'The selected code (replace all of it):',
    fence(clean(input.selection), id),
    '',
    `Reply with one \`\`\`${id} code block holding the full replacement of the selection only.`,
  ];
  return { systemInstruction, prompt: parts.join('\n'), language: id, fenceTag: id, redactions, maxOutputTokens: editOutputTokens(input.selection) };
}
