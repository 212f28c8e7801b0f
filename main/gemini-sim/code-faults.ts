// Code answers that a syntax check must catch: a broken block (unbalanced brace, prose inside) or the wrong language.
import { defaultCodeAnswer, requestedLanguage } from './code-answer.js';
import type { CodeAnswerRequest } from './types.js';

const PROSE = 'This function adds the values and returns the total of all of them.';

/** Breaks the answer's first fenced block: drops its last closing brace ('brace'; prose where there is none) or puts a line of prose in its middle. */
export function breakSyntax(answer: string, mode: 'brace' | 'prose'): string {
  const lines = answer.split('\n');
  const open = lines.findIndex((l) => /^```/.test(l));
  const close = open < 0 ? -1 : lines.findIndex((l, i) => i > open && /^```\s*$/.test(l));
  if (open < 0 || close < 0) return `${answer}\n${PROSE}`;
  if (mode === 'brace') {
    for (let i = close - 1; i > open; i--) {
      if (/^\s*}\s*$/.test(lines[i] as string)) {
        lines.splice(i, 1);
        return lines.join('\n');
      }
    }
  }
  const middle = open + 1 + Math.floor((close - open - 1) / 2);
  lines.splice(middle, 0, PROSE);
  return lines.join('\n');
}

/** The same request answered in another language, its fence tagged honestly with that language. */
export function inOtherLanguage(request: CodeAnswerRequest, language?: string): string {
  const asked = requestedLanguage(`${request.systemInstruction}\n${request.prompt}`);
  const other = language ?? (asked === 'typescript' ? 'python' : 'typescript');
  return defaultCodeAnswer({ ...request, systemInstruction: `Language: ${other}\n${request.systemInstruction}` });
}
