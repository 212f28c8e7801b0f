// The pipeline's streaming check over a hand-written check port: it starts at the closing fence, while the stream is
// still open, is reused when the stream ends, and a stuck or failing check never holds the answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { extractCode } from '../../main/pipeline/extract-code.js';
import { CHECK_TIMEOUT_MS, StreamingCheck, repairPrompt, type CodeCheckPort } from '../../main/pipeline/code-quality.js';
import type { SyntaxReport } from '../../main/quality/check-report.js';

class RecordingPort implements CodeCheckPort {
  readonly calls: string[] = [];
  constructor(private readonly answer: (code: string) => Promise<SyntaxReport>) {}
  check(code: string): Promise<SyntaxReport> {
    this.calls.push(code);
    return this.answer(code);
  }
  warm(): void {}
}

const ok = (language: string): SyntaxReport => ({ status: 'ok', language, errors: [], errorCount: 0, parseMs: 1 });
const extract = (answer: string) => extractCode(answer, 'python');

afterEach(() => {
  vi.useRealTimers();
});

describe('the streaming check', () => {
  it('checks the code as soon as the closing fence has streamed, and the end of the stream reuses that check', async () => {
    const port = new RecordingPort((code) => Promise.resolve(ok('python')).then((r) => ({ ...r, parseMs: code.length })));
    const watch = new StreamingCheck(port, 'python', extract, new AbortController().signal, silentLogger);
    const chunks = ['Here it is:\n\n``', '`python\ndef add(a, b):\n', '    return a + b\n`', '``\n', '\nThat adds.'];
    let answer = '';
    for (const [i, chunk] of chunks.entries()) {
      answer += chunk;
      watch.push(chunk, answer);
      // Nothing to check before the fence closes (a marker split across chunks still counts once).
      if (i < 3) expect(port.calls).toEqual([]);
    }
    expect(port.calls).toEqual(['def add(a, b):\n    return a + b']);
    const report = await watch.result(extract(answer));
    expect(report.status).toBe('ok');
    expect(port.calls).toHaveLength(1);
  });

  it('prose is not code: "not checked", and no check runs', async () => {
    const port = new RecordingPort(() => Promise.resolve(ok('python')));
    const watch = new StreamingCheck(port, 'python', extract, new AbortController().signal, silentLogger);
    const report = await watch.result(extract('I cannot help with that request, sorry about it.'));
    expect(report).toMatchObject({ status: 'not-checked', reason: 'not code' });
    expect(port.calls).toEqual([]);
  });

  it('a stuck check gives up after its timeout: the answer is delivered "not checked"', async () => {
    vi.useFakeTimers();
    const port = new RecordingPort(() => new Promise<SyntaxReport>(() => {}));
    const watch = new StreamingCheck(port, 'python', extract, new AbortController().signal, silentLogger);
    const pending = watch.result(extract('```python\nx = 1\n```'));
    await vi.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS + 1);
    await expect(pending).resolves.toMatchObject({ status: 'not-checked', reason: 'the check took too long' });
  });

  it('a failing check is "not checked", never a failed request', async () => {
    const port = new RecordingPort(() => Promise.reject(new Error('worker died')));
    const watch = new StreamingCheck(port, 'python', extract, new AbortController().signal, silentLogger);
    await expect(watch.result(extract('```python\nx = 1\n```'))).resolves.toMatchObject({ status: 'not-checked', reason: 'the check failed' });
  });
});

describe('the repair prompt', () => {
  it('repeats the request, quotes the code, names the positions and asks for the corrected code only', () => {
    const report: SyntaxReport = { status: 'errors', language: 'python', errors: [{ line: 3, column: 1, message: 'unexpected "This"' }], errorCount: 1, parseMs: 1 };
    const p = repairPrompt({ systemInstruction: 'sys', prompt: 'Request: "sum it"' }, 'def f():\n  pass\nThis is prose', report);
    expect(p.systemInstruction).toBe('sys');
    expect(p.prompt).toMatch(/^Request: "sum it"/);
    expect(p.prompt).toContain('does not parse as Python: syntax errors at line 3:1');
    expect(p.prompt).toContain('```\ndef f():\n  pass\nThis is prose\n```');
    expect(p.prompt).toMatch(/Reply with the corrected Python code only: one ```python code block/);
  });

  it('for the wrong language, says which it is and asks for the one asked', () => {
    const report: SyntaxReport = { status: 'wrong-language', language: 'java', parsesAs: 'typescript', errors: [{ line: 1, column: 17, message: 'x' }], errorCount: 1, parseMs: 1 };
    const p = repairPrompt({ systemInstruction: 's', prompt: 'Request: "x"' }, 'export const a = 1;', report);
    expect(p.prompt).toContain('Your previous answer is TypeScript, not Java');
    expect(p.prompt).toContain('Write it in Java.');
  });
});
