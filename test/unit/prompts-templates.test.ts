// Prompts per intent: one fenced block in the right language, the slots and context in it, secrets out of it, size bounded.
import { describe, expect, it } from 'vitest';
import { INTENT_NAMES } from '../../main/intent/types.js';
import { buildPrompt, fence } from '../../main/pipeline/prompts.js';

describe('buildPrompt', () => {
  it.each(INTENT_NAMES)('asks for exactly one fenced code block for %s', (intent) => {
    const p = buildPrompt({ intent, slots: { language: 'python', target_language: 'go' }, transcript: 'do the thing' });
    const tag = intent === 'convert_language' ? 'go' : 'python';
    expect(p.fenceTag).toBe(tag);
    expect(p.systemInstruction).toContain(`exactly one fenced code block tagged \`\`\`${tag}`);
    expect(p.prompt).toContain(`Reply with one \`\`\`${tag} code block only.`);
    expect(p.prompt).toContain('Request: "do the thing"');
  });

  it('gives each intent its own task', () => {
    const tasks = new Set(INTENT_NAMES.map((intent) => /Task: (.*)/.exec(buildPrompt({ intent, slots: { language: 'typescript' }, transcript: 'x' }).prompt)?.[1]));
    expect(tasks.size).toBe(INTENT_NAMES.length);
  });

  it('puts the name, framework and languages of the slots in the prompt', () => {
    const p = buildPrompt({ intent: 'generate_test', slots: { language: 'typescript', name: 'fetchUser', framework: 'jest' }, transcript: 'write tests for fetch user' });
    expect(p.prompt).toContain('Write tests for fetchUser with jest');
    expect(p.prompt).toContain('Name: fetchUser');
    const c = buildPrompt({ intent: 'convert_language', slots: { language: 'javascript', target_language: 'cpp' }, transcript: 'convert this to c plus plus' });
    expect(c.prompt).toContain('From: JavaScript');
    expect(c.prompt).toContain('To: C++');
    expect(c.language).toBe('cpp');
  });

  it('uses the caller\'s resolved language over the slot', () => {
    expect(buildPrompt({ intent: 'generate_function', slots: { language: 'python' }, transcript: 'x', language: 'rust' }).fenceTag).toBe('rust');
  });

  it('includes the clipboard code and recent history, redacting secrets from all of it', () => {
    const p = buildPrompt({
      intent: 'fix_error',
      slots: { language: 'python' },
      transcript: 'fix this, my key is sk-proj-abcdefghijklmnopqrstuvwxyz012345',
      clipboard: 'API_KEY = "AIzaSyA1234567890abcdefghijklmnopqrstuv"\nprint(1/0)\n',
      history: [{ transcript: 'connect to postgres://app:hunter2@db/app', code: 'conn = connect()' }],
    });
    expect(p.prompt).toContain('print(1/0)');
    expect(p.prompt).toContain('conn = connect()');
    expect(p.prompt).not.toMatch(/sk-proj-|AIzaSy|hunter2/);
    expect(p.redactions).toEqual({ openai_key: 1, google_api_key: 1, password: 1 });
  });

  it('says what to act on when no code was attached', () => {
    expect(buildPrompt({ intent: 'explain', slots: {}, transcript: 'explain this' }).prompt).toContain('No code was attached');
    const followUp = buildPrompt({ intent: 'generate_test', slots: {}, transcript: 'now add tests for that', history: [{ transcript: 'write a debounce', code: 'function debounce() {}' }] });
    expect(followUp.prompt).toContain('work on the code of the most recent earlier request');
  });

  it('bounds the clipboard and the history', () => {
    const p = buildPrompt(
      { intent: 'refactor', slots: {}, transcript: 'refactor this', clipboard: 'x = 1\n'.repeat(10_000), history: Array.from({ length: 10 }, (_, i) => ({ transcript: `request ${i}`, code: null })) },
      { clipboardChars: 1000, historyEntries: 2, historyCodeChars: 100 },
    );
    expect(p.prompt.length).toBeLessThan(2000);
    expect(p.prompt).toContain('truncated');
    expect(p.prompt).toContain('request 9');
    expect(p.prompt).not.toContain('request 7');
  });
});

describe('fence', () => {
  it('uses a fence longer than any backtick run inside the code', () => {
    expect(fence('a ``` b', 'md')).toBe('````md\na ``` b\n````');
    expect(fence('x', '')).toBe('```\nx\n```');
  });
});
