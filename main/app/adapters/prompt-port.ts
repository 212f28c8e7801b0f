// The pipeline's PromptPort over the per-intent templates and the code extractor.
import { buildPrompt, type PromptInput } from '../../pipeline/prompts.js';
import { extractCode } from '../../pipeline/extract-code.js';
import type { PromptPort } from '../../pipeline/ports.js';

export const promptPort: PromptPort = {
  // Slot values come from the recogniser as canonical ids; the contract types them as plain strings.
  build: (input) => {
    const built = buildPrompt(input as PromptInput);
    return { systemInstruction: built.systemInstruction, prompt: built.prompt, language: built.language };
  },
  extract: (answer, language) => {
    const extracted = extractCode(answer, language);
    return { code: extracted.code, language: extracted.language ?? language, complete: extracted.complete, source: extracted.source };
  },
};
