// Typed text is never rewritten: whatever is typed reaches history and the prompt exactly as typed, after secret redaction only.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../../main/pipeline/redact.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { FAULT_SETTINGS, propertyParams } from '../support/fault-helpers.js';

/** Words that tempt a normaliser: spoken case instructions, spoken forms of identifiers, fillers, language names, secrets. */
const word = fc.oneof(
  fc.constantFrom(
    'write', 'a', 'function', 'that', 'debounces', 'another', 'camel case fetch user', 'snake case parse config', 'camel', 'case', 'snake', 'pascal', 'kebab', 'constant', 'fetch', 'user', 'by', 'id',
    'um', 'uh', 'like', 'python', 'go', 'in', 'type', 'script', 'called', 'named', 'this', 'code', 'explain', 'and', 'fix', 'UserRepository',
    'parse_config', 'handleSubmit', 'AKIAABCDEFGHIJKLMNOP', 'password=hunter22', 'sk-proj-abcdefghijklmnopqrstuvwx', '"quoted"', 'é', '😀',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '  ', '\t', '-', '_');
const typedText = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 18 })
  .map((parts) => parts.map(([w, s]) => w + s).join('').trim())
  .filter((t) => t.length > 0);

describe('typed requests reach history and the prompt as typed', () => {
  let h: Harness;
  const prompts: string[] = [];

  beforeAll(async () => {
    // The syntax check would ask for a repair (a second prompt) when the canned answer is not in the language asked.
    h = await startHarness({ settings: { ...FAULT_SETTINGS, cache: { enabled: false }, quality: { check: false } } });
    h.sim.setCodeAnswer((request) => {
      prompts.push(request.prompt);
      return 'Done.\n\n```typescript\nexport const done = true;\n```\n';
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('history holds the typed text and the prompt quotes it, changed only where a secret was redacted', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, async (text) => {
        prompts.length = 0;
        const result = await h.app.runText({ text }, () => undefined);
        const expected = redactSecrets(text).text;
        const outcome = await h.app.router.call('history.get', { id: result.historyId }, { clientId: 'test' });
        expect(outcome.ok).toBe(true);
        expect((outcome as { result: { transcript: string } }).result.transcript).toBe(expected);
        expect(prompts).toHaveLength(1);
        expect(prompts[0]).toContain(`Request: "${expected}"`);
      }),
      propertyParams(40),
    );
  });

  it('a spoken case instruction typed as words stays words ("camel case fetch user" is not fetchUser)', async () => {
    prompts.length = 0;
    const result = await h.app.runText({ text: 'write a function camel case fetch user that debounces another function' }, () => undefined);
    const outcome = await h.app.router.call('history.get', { id: result.historyId }, { clientId: 'test' });
    expect((outcome as { result: { transcript: string } }).result.transcript).toBe('write a function camel case fetch user that debounces another function');
    expect(prompts[0]).toContain('Request: "write a function camel case fetch user that debounces another function"');
  });
});
