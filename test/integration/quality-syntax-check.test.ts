// The syntax check in its worker (dist/workers/quality.js via Piscina): every language with a grammar parses a valid sample and flags a broken one at the right line.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Parser } from 'web-tree-sitter';
import { LANGUAGE_IDS } from '../../main/config/schema.js';
import { GRAMMARS } from '../../main/quality/grammars.js';
import { QUALITY_MAX_QUEUE, QualityWorkerPool } from '../../main/quality/quality-worker-pool.js';
import { SyntaxChecker } from '../../main/quality/syntax-checker.js';
import { SYNTAX_SAMPLES } from '../fixtures/syntax-samples.js';

const WORKER = resolve('dist/workers/quality.js');
let pool: QualityWorkerPool;

beforeAll(async () => {
  pool = new QualityWorkerPool({ workerFile: WORKER });
  await pool.warm(Object.keys(SYNTAX_SAMPLES));
}, 60_000);

afterAll(async () => {
  await pool.close();
});

describe('syntax check in the worker', () => {
  it('has a sample for every language of the app that has a grammar', () => {
    expect(Object.keys(SYNTAX_SAMPLES).sort()).toEqual(Object.keys(GRAMMARS).sort());
    expect(LANGUAGE_IDS.filter((l) => !(l in GRAMMARS))).toEqual(['sql']);
  });

  for (const [language, sample] of Object.entries(SYNTAX_SAMPLES)) {
    it(`${language}: a valid sample parses, a broken one is flagged at line ${sample.errorLine}`, async () => {
      const valid = await pool.check(sample.valid, language, language);
      expect(valid.status, JSON.stringify(valid.errors)).toBe('ok');
      const broken = await pool.check(sample.broken, language, language);
      expect(broken.status).toBe('errors');
      expect(broken.errors[0]?.line).toBe(sample.errorLine);
      expect(broken.errors[0]?.column).toBeGreaterThan(0);
      expect(broken.errorCount).toBeGreaterThanOrEqual(1);
    });
  }

  it('a warm-up loads a grammar without parsing; with parse (an answer has started) it parses a line once per grammar', async () => {
    const checker = new SyntaxChecker(resolve('dist/workers/grammars'));
    const parse = vi.spyOn(Parser.prototype, 'parse');
    try {
      expect(await checker.warm(['typescript'])).toEqual(['typescript']);
      expect(parse).not.toHaveBeenCalled();
      expect(await checker.warm(['typescript', 'python', 'sql'], { parse: true })).toEqual(['typescript', 'python']);
      await checker.warm(['typescript'], { parse: true });
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
    // The pool passes it on to its worker, and a check after it still reports as before.
    await pool.warm(['typescript'], { parse: true });
    expect((await pool.check('const total: number = 1;\n', 'typescript', 'ts')).status).toBe('ok');
  });

  it('a language without a grammar is "not checked", never ok', async () => {
    const report = await pool.check('SELECT * FROM users WHERE', 'sql', 'sql');
    expect(report.status).toBe('not-checked');
    expect(report.reason).toMatch(/no grammar/);
    expect((await pool.check('whatever', 'klingon', undefined)).status).toBe('not-checked');
  });

  it('TypeScript asked as Java is the wrong language, and says which one it parses as', async () => {
    const report = await pool.check(SYNTAX_SAMPLES.typescript?.valid ?? '', 'java', 'typescript');
    expect(report.status).toBe('wrong-language');
    expect(report.parsesAs).toBe('typescript');
    expect(report.errors.length).toBeGreaterThan(0);
  });

  it('code in another language under the asked language\'s fence tag is still caught (the detector names it)', async () => {
    const report = await pool.check('export function add(a: number, b: number): number {\n  return a + b;\n}\n', 'java', 'java');
    expect(report).toMatchObject({ status: 'wrong-language', parsesAs: 'typescript' });
  });

  it('a stray line of prose is one error on its line, not one per word, and is not another language', async () => {
    const report = await pool.check(SYNTAX_SAMPLES.python?.broken ?? '', 'python', 'python');
    expect(report).toMatchObject({ status: 'errors', errorCount: 1, errors: [{ line: 3, column: 1 }] });
  });

  it('hostile input stays bounded: a deep nest and a huge answer come back without hanging the worker', async () => {
    const deep = `${'('.repeat(20_000)}1${')'.repeat(19_999)}`;
    const report = await pool.check(deep, 'python', 'python');
    expect(report.status).toBe('errors');
    expect(report.errors.length).toBeLessThanOrEqual(20);
    const huge = await pool.check('x = 1\n'.repeat(200_000), 'python', 'python');
    expect(huge.status).toBe('not-checked');
  });

  it('a burst beyond its queue gets "not checked: busy" at once for the extra answers, never an error, and every answer an outcome', async () => {
    const code = Array.from({ length: 200 }, (_, i) => `def step_${i}(items):\n    return [x + ${i} for x in items]\n`).join('');
    const burst = await Promise.all(Array.from({ length: 4 + QUALITY_MAX_QUEUE + 20 }, () => pool.check(code, 'python', 'python')));
    const busy = burst.filter((r) => r.status === 'not-checked');
    expect(burst.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(QUALITY_MAX_QUEUE);
    expect(busy.length).toBeGreaterThanOrEqual(20);
    expect(new Set(busy.map((r) => (r as { reason?: string }).reason))).toEqual(new Set(['the checker was busy with other answers']));
    // Afterwards the pool checks again as usual.
    expect((await pool.check(code, 'python', 'python')).status).toBe('ok');
  });
});
