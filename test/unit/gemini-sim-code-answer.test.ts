// The demo tells the truth: the simulator answers the generate requests of the intent fixture in the language asked, with a real recipe or an honest placeholder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCodeAnswer } from '../../main/gemini-sim/code-answer.js';
import { recogniseIntent } from '../../main/intent/recogniser.js';
import { buildPrompt } from '../../main/pipeline/prompts.js';

/** What code in each language looks like, checked on the whole block (a wrong language fails these). */
const SHAPES: Record<string, RegExp> = {
  typescript: /\bexport (async )?function \w+[<(]|\bexport const \w+/,
  javascript: /\bexport (async )?function \w+\(|\bexport const \w+/,
  python: /^(async )?def \w+\(|^import \w+/m,
  go: /^package main$[\s\S]*\bfunc [A-Z]\w*\(/m,
  rust: /\bpub fn [a-z0-9_]+\(/,
  java: /\bpublic (final )?class [A-Z]\w* \{/,
  kotlin: /^fun \w+\(/m,
  csharp: /^public static class [A-Z]\w*/m,
  cpp: /^#include <\w+>$[\s\S]*\bvoid [a-z_]+\(\)/m,
  c: /^#include <\w+\.h>$[\s\S]*\b(void|bool) [a-z_]+\(/m,
  sql: /^(SELECT|CREATE|UPDATE|DELETE|INSERT|ALTER|WITH)\b/m,
  bash: /^#!\/usr\/bin\/env bash$/m,
  powershell: /^(throw "|param\(|Get-)/m,
  ruby: /^def [a-z_]+$[\s\S]*^end$/m,
  php: /^<\?php$[\s\S]*\bfunction \w+\(/m,
  swift: /^func \w+\(/m,
};

interface Row {
  utterance: string;
  intent: string;
  language: string;
}

function generateRows(): Row[] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/intents.tsv'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).slice(1);
  return lines
    .map((line) => {
      const [utterance = '', intent = '', language = ''] = line.split('\t');
      return { utterance, intent, language: language.trim() };
    })
    .filter((r) => r.intent.startsWith('generate_') && r.intent !== 'generate_test');
}

/** The answer the demo gives to a typed request: recogniser, prompt, simulator, as the app builds them. */
function answer(utterance: string, language?: string): { text: string; fence: string; code: string } {
  const intent = recogniseIntent(utterance, { defaultLanguage: 'typescript' });
  const prompt = buildPrompt({ intent: intent.intent, slots: intent.slots, transcript: utterance, ...(language ? { language } : {}) });
  const text = defaultCodeAnswer({ model: 'gemini-3.8-flash', systemInstruction: prompt.systemInstruction, prompt: prompt.prompt });
  const block = /```(\w+)\n([\s\S]*?)\n```/.exec(text);
  expect(block, text).not.toBeNull();
  return { text, fence: block?.[1] ?? '', code: block?.[2] ?? '' };
}

describe('the simulated Gemini answers in the language asked', () => {
  const rows = generateRows();

  it('covers every generate request of the intent fixture: the fence is the language asked and the code looks like it', () => {
    expect(rows.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const row of rows) {
      const { fence, code } = answer(row.utterance, row.language);
      const shape = SHAPES[row.language];
      if (fence !== row.language || (shape && !shape.test(code))) wrong.push(`${row.language} "${row.utterance}" -> ${fence}\n${code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a request no recipe fits gets a placeholder in the language asked that names the request', () => {
    const { text, code } = answer('write a kotlin function that validates an email address', 'kotlin');
    expect(text).toMatch(/^Simulated Gemini has no kotlin recipe for "write a kotlin function that validates an email address"/);
    expect(code).toMatch(/NotImplementedError\("not implemented: simulated Gemini has no recipe for 'write a kotlin function that validates an email address'"\)/);
  });

  it('a Go prime check is a prime check in Go', () => {
    const { fence, code } = answer('a go function that checks if a number is prime');
    expect(fence).toBe('go');
    expect(code).toMatch(/^func IsPrime\(n int\) bool \{$/m);
    expect(code).toMatch(/n%d == 0/);
  });

  it('a bash script that counts lines in every file is bash that counts lines', () => {
    const { fence, code } = answer('a bash script that counts lines in every file');
    expect(fence).toBe('bash');
    expect(code.split('\n')[0]).toBe('#!/usr/bin/env bash');
    expect(code).toMatch(/find "\$dir" -type f -print0 \| xargs -0 wc -l/);
  });

  it("answers the demo's suggested requests with real code, not placeholders", () => {
    const demo = JSON.parse(readFileSync(join(process.cwd(), 'scripts/demo-scripts.json'), 'utf8')) as { default: { final: string }; scripts: Array<{ final: string }> };
    const requests = [demo.default.final, ...demo.scripts.map((s) => s.final), 'a python function that reverses a string'];
    for (const request of requests) {
      const { text } = answer(request);
      expect(text, request).toMatch(/^Here is an? \w+ implementation/);
    }
  });

  it('keeps request text from breaking out of the string literal or comment it is quoted in', () => {
    const { code } = answer('write a python function that prints "a\'b" and */ ends \\ here');
    expect(code).not.toMatch(/\\|\*\//);
    expect(code).toMatch(/raise NotImplementedError\('[^'\n]*"[^"'\n]*"'\)/);
  });
});
