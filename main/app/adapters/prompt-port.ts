// The pipeline's PromptPort over the per-intent templates and the code extractor.
import { buildPrompt, type PromptInput } from '../../pipeline/prompts.js';
import { buildEditPrompt } from '../../pipeline/edit-prompt.js';
import { extractCode } from '../../pipeline/extract-code.js';
import type { PromptPort } from '../../pipeline/ports.js';

export const promptPort: PromptPort = {
  // Slot values come from the recogniser as canonical ids; the contract types them as plain strings.
  build: (input) => {
    // An edit request has its own prompt: the selection, the instruction, the language, the full replacement only.
    const built = input.edit ? buildEditPrompt({ transcript: input.transcript, selection: input.edit.selection, language: input.language, ...(input.edit.app ? { app: input.edit.app } : {}) }) : buildPrompt(input as PromptInput);
    return { systemInstruction: built.systemInstruction, prompt: built.prompt, language: built.language, ...(built.maxOutputTokens ? { maxOutputTokens: built.maxOutputTokens } : {}) };
  },
  extract: (answer, language) => {
    const extracted = extractCode(answer, language);
    return { code: extracted.code, language: extracted.language ?? language, complete: extracted.complete, source: extracted.source };
  },
};
