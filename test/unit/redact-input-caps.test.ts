// Redaction never runs on unbounded text: the context loader cuts the clipboard and history entries before it redacts them.
import { describe, expect, it } from 'vitest';
import { ContextLoader, MAX_CONTEXT_CLIPBOARD_CHARS, MAX_HISTORY_ENTRY_CHARS } from '../../main/pipeline/context-loader.js';
import { redactSecrets } from '../../main/pipeline/redact.js';

describe('inputs are bounded before they are redacted', () => {
  it('cuts a huge clipboard and huge history entries to their documented sizes before redacting them', async () => {
    const seen: number[] = [];
    const redact = (text: string): string => {
      seen.push(text.length);
      return redactSecrets(text).text;
    };
    const huge = `${'password=hunter22 '.repeat(60_000)}tail`;
    const loader = new ContextLoader({
      clipboard: { readText: () => Promise.resolve(huge) },
      clipboardEnabled: () => true,
      history: { recent: () => [{ transcript: huge, code: huge }, { transcript: 'short', code: null }] },
      redact,
      identifiers: () => [],
    });
    const loaded = await loader.load(new AbortController().signal);
    expect(Math.max(...seen)).toBeLessThanOrEqual(Math.max(MAX_CONTEXT_CLIPBOARD_CHARS, MAX_HISTORY_ENTRY_CHARS));
    // The clipboard, the cut history text (transcript and code cut to the same text: redacted once) and 'short'.
    expect(seen).toHaveLength(3);
    expect(loaded.clipboard).toMatch(/^password=\[REDACTED:password\] /);
    expect(loaded.history[0]?.code?.startsWith('password=[REDACTED:password] ')).toBe(true);
    for (const text of [loaded.clipboard, loaded.history[0]?.transcript, loaded.history[0]?.code]) {
      expect(text).not.toContain('hunter22');
      expect(text).not.toContain('tail');
    }
    expect(loaded.history[1]).toEqual({ transcript: 'short', code: null });
  });

  it('redacts each history text once: the next request reuses it, and only the newest few are kept', async () => {
    const seen: string[] = [];
    let recent: { transcript: string; code: string | null }[] = [{ transcript: 'rename user', code: 'const token = "sk-live-0123456789abcdefghij";' }];
    const loader = new ContextLoader({
      clipboard: null,
      clipboardEnabled: () => false,
      history: { recent: () => recent },
      redact: (text) => {
        seen.push(text);
        return redactSecrets(text).text;
      },
      identifiers: () => [],
    });
    const first = await loader.load(new AbortController().signal);
    const second = await loader.load(new AbortController().signal);
    expect(second).toEqual(first);
    expect(seen).toEqual(['rename user', 'const token = "sk-live-0123456789abcdefghij";']);
    // A changed entry is redacted again; older texts fall out after 16 others.
    recent = Array.from({ length: 20 }, (_, i) => ({ transcript: `request ${i}`, code: null }));
    await loader.load(new AbortController().signal);
    seen.length = 0;
    recent = [{ transcript: 'rename user', code: null }];
    await loader.load(new AbortController().signal);
    expect(seen).toEqual(['rename user']);
  });
});
