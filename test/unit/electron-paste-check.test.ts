// Code that does not parse is never pasted: in paste and both modes it is copied, the overlay and notification say why.
import { describe, expect, it } from 'vitest';
import type { CodeCheck } from '../../preload/contract.js';
import { result } from './electron-fakes.js';
import { pasteShell } from './electron-paste-fakes.js';

const BROKEN = 'export function add(a: number, b: number): number {\n  return a +* b;\n  return a;;\n';
const errors: CodeCheck = {
  status: 'errors', language: 'typescript', repaired: false, errorCount: 2,
  errors: [{ line: 2, column: 13, message: 'unexpected "*"' }, { line: 4, column: 1, message: 'missing }' }],
};

describe('a result whose code does not parse', () => {
  for (const mode of ['paste', 'both'] as const) {
    it(`output.mode '${mode}': copied, not pasted, and the notification says "2 syntax errors: copied, not pasted"`, async () => {
      const { app, apps, clipboard, notifications, windows, dictate } = await pasteShell({ mode, clipboardText: 'old' });
      app.nextResult = result({ code: BROKEN, check: errors });
      await dictate();
      expect(apps.pasted).toEqual([]);
      expect(apps.inserts).toBe(0);
      expect(clipboard.text).toBe(BROKEN);
      expect(notifications.shown.at(-1)?.title).toBe('Copied');
      expect(notifications.last).toMatch(/^2 syntax errors: copied, not pasted\./);
      // The overlay is told it is on the clipboard, with the check that marks the error lines.
      expect(windows.broadcasts.find((b) => b.event === 'pipeline.event')?.payload).toMatchObject({ event: { type: 'result', result: { copied: true, check: { status: 'errors', errorCount: 2 } } } });
    });
  }

  it('the wrong language is withheld from paste too, and says which language it is', async () => {
    const { app, apps, notifications, dictate } = await pasteShell({ mode: 'paste' });
    app.nextResult = result({ check: { ...errors, status: 'wrong-language', language: 'java', parsesAs: 'typescript', errorCount: 4 } });
    await dictate();
    expect(apps.pasted).toEqual([]);
    expect(notifications.last).toMatch(/^TypeScript, not Java: copied, not pasted\./);
  });

  it('code that parses (or could not be checked) is pasted as before', async () => {
    for (const status of ['ok', 'not-checked'] as const) {
      const { app, apps, dictate } = await pasteShell({ mode: 'paste' });
      app.nextResult = result({ check: { status, language: 'typescript', repaired: false, errorCount: 0, errors: [] } });
      await dictate();
      expect(apps.pasted).toHaveLength(1);
    }
  });
});
