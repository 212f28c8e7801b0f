// First-use costs of the pipeline's local stages (lazy compilation, inline caches), paid once at start with samples.
import type { EditTarget } from '../../preload/contract.js';
import { editOutcome } from './edit-request.js';
import type { LoadedContext, PromptPort } from './ports.js';

/** What the warm-up needs of the pipeline: its own prepare step and ports, nothing that writes or calls out. */
export interface WarmUpDeps {
  prepare(transcript: string, input: { source: 'voice' | 'text'; edit?: EditTarget }, loaded: LoadedContext): { text: string; language: string; local: { intent: Parameters<PromptPort['build']>[0]['intent']; slots: Parameters<PromptPort['build']>[0]['slots'] } };
  prompts: PromptPort;
  redact?: (text: string) => string;
}

/**
 * Rounds of the samples: the intent recogniser took 5.1 ms on its first call, 1.6 on its second and 0.04 from about
 * the fifth (lazy compilation, then regexp and baseline tier-up); ten rounds cost about 10 ms once.
 */
const WARM_ROUNDS = 10;
const CONTEXT: LoadedContext = { history: [{ transcript: 'write a function that adds two numbers', code: 'function addNumbers(a, b) {\n  return a + b;\n}' }], identifiers: ['addNumbers', 'itemCount'] };
const SELECTION = '\tfunction loadUser(user, id) {\r\n\t\tconst items = user.items ?? [];\r\n\t\treturn items[id];\r\n\t}\r\n';
const ANSWER = '```typescript\nexport function sumItems(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\n```\n';
const EDITED = '```typescript\n\tasync function loadAccount(account, id) {\n\t\tconst items = account.items ?? [];\n\t\treturn items[id];\n\t}\n```\n';

/**
 * Runs a spoken request, a typed one and an edit through every local stage (redaction, dictionary, identifiers,
 * intent, context, cache key, prompt, extraction, fitting) with samples: no history row, no cache entry, no network.
 * A fresh app's first request paid these inside its own time (about 10 ms before the request left, measured).
 * The loop runs a few rounds: code compiled once is not yet fast.
 */
export function warmPipelineCode(deps: WarmUpDeps, rounds = WARM_ROUNDS): void {
  const requests: Array<{ text: string; input: { source: 'voice' | 'text'; edit?: EditTarget } }> = [
    { text: 'write a typescript function that sums the item count of a list', input: { source: 'voice' } },
    { text: 'add a python class download manager', input: { source: 'text' } },
    { text: 'rename user to account and make it async', input: { source: 'text', edit: { selection: SELECTION, app: 'Code' } } },
  ];
  for (let round = 0; round < rounds; round++) for (const { text, input } of requests) {
    const prepared = deps.prepare(text, input, CONTEXT);
    const built = deps.prompts.build({ intent: prepared.local.intent, slots: prepared.local.slots, transcript: prepared.text, language: prepared.language, history: CONTEXT.history, ...(input.edit ? { edit: input.edit } : {}) });
    const extracted = deps.prompts.extract(input.edit ? EDITED : ANSWER, built.language ?? prepared.language);
    if (input.edit) editOutcome(input.edit, extracted.code, deps.redact, extracted.source);
  }
}
