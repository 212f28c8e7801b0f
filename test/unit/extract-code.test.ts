// Getting the code out of a model's answer, whatever shape the answer takes.
import { describe, expect, it } from 'vitest';
import { extractCode, looksLikeCode } from '../../main/pipeline/extract-code.js';

describe('extractCode', () => {
  it('takes the fenced block and drops the prose around it', () => {
    const r = extractCode('Here is the function:\n\n```typescript\nexport const add = (a: number, b: number) => a + b;\n```\n\nIt adds two numbers.', 'typescript');
    expect(r).toEqual({ code: 'export const add = (a: number, b: number) => a + b;', language: 'typescript', complete: true, source: 'fence', blocks: 1 });
  });

  it('canonicalises fence tags and accepts untagged fences and tildes', () => {
    expect(extractCode('```py\nprint(1)\n```').language).toBe('python');
    expect(extractCode('```c++\nint x;\n```').language).toBe('cpp');
    expect(extractCode('```\nSELECT id FROM users WHERE id = 1;\n```').language).toBe('sql');
    expect(extractCode('~~~rust\nfn main() {}\n~~~').code).toBe('fn main() {}');
  });

  it('picks the main block: the longest in the preferred language, else the longest', () => {
    const answer = 'Install it:\n```bash\nnpm i lodash\n```\nThen:\n```ts\nimport { debounce } from "lodash";\nexport const run = debounce(() => 1, 100);\n```\nUsage:\n```ts\nrun();\n```';
    expect(extractCode(answer, 'typescript').code).toContain('export const run');
    expect(extractCode(answer).blocks).toBe(3);
    expect(extractCode('```bash\nnpm i a-very-long-package-name another-package\n```\n```python\nx = 1\n```', 'python').code).toBe('x = 1');
  });

  it('flags a fence cut off by truncation as incomplete and keeps what arrived', () => {
    const r = extractCode('```python\ndef f(x):\n    return x', 'python');
    expect(r).toMatchObject({ code: 'def f(x):\n    return x', complete: false, source: 'unterminated-fence' });
  });

  it('keeps nested fences inside a longer fence', () => {
    expect(extractCode('````markdown\n```js\nx\n```\n````').code).toBe('```js\nx\n```');
  });

  it('takes a whole answer without fences when it is code, dropping a lead-in line', () => {
    const r = extractCode('Here you go:\ndef double(x):\n    return x * 2\n', 'python');
    expect(r).toMatchObject({ code: 'def double(x):\n    return x * 2', source: 'bare', complete: true, language: 'python' });
  });

  it('takes the single inline code span of a one-line answer', () => {
    expect(extractCode('Run `du -sh * | sort -h` in the folder.', 'bash')).toMatchObject({ code: 'du -sh * | sort -h', source: 'bare' });
  });

  it('marks prose as prose and an empty answer as empty', () => {
    expect(extractCode('I cannot help with that, sorry. Try rephrasing the request.')).toMatchObject({ source: 'prose', language: 'text' });
    expect(extractCode('No code for that, sorry.', 'golang')).toMatchObject({ source: 'prose', language: 'go' });
    expect(extractCode('   ')).toMatchObject({ code: '', source: 'empty', complete: false });
  });
});

describe('looksLikeCode', () => {
  it('tells code from sentences', () => {
    expect(looksLikeCode('const x = 1;\nif (x) {\n  run();\n}')).toBe(true);
    expect(looksLikeCode('This function adds two numbers.\nIt returns their sum.')).toBe(false);
  });
});
