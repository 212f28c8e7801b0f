// Piscina task module for the syntax check: one SyntaxChecker per thread, its grammars loaded once and kept warm.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerData } from 'piscina';
import { SyntaxChecker } from '../main/quality/syntax-checker.js';
import type { SyntaxReport } from '../main/quality/check-report.js';

export interface CheckTask {
  code: string;
  language: string;
  /** The answer's fence tag, tried first when the code does not parse as asked. */
  hint?: string;
}

export interface WarmTask {
  languages: string[];
  /** Also parse a line in each (its first parse compiles the grammar's WebAssembly). */
  parse?: boolean;
}

const data = (workerData ?? {}) as { grammarDir?: string };
// The built worker is dist/workers/quality.js; scripts/build.mjs copies the grammars to dist/workers/grammars.
const grammarDir = data.grammarDir ?? join(fileURLToPath(new URL('.', import.meta.url)), 'grammars');
const checker = new SyntaxChecker(grammarDir);

export function check(task: CheckTask): Promise<SyntaxReport> {
  return checker.check(task.code, task.language, task.hint);
}

export function warm(task: WarmTask): Promise<string[]> {
  return checker.warm(task.languages, { parse: task.parse === true });
}
