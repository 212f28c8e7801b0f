// Extracts the code from a model's answer: fenced blocks (tagged or not), prose around them, truncation, bare code.
import { detectLanguage } from '../intent/language-detect.js';
import { canonicalLanguage } from '../intent/languages.js';

export interface ExtractedCode {
  code: string;
  /** The block's language: its fence tag (canonical id when known), else detected, else the preferred one, else 'text'. */
  language: string;
  /** False when the chosen block's fence never closed (the answer was cut off). */
  complete: boolean;
  /** How the code was found: a closed fence, a fence cut off at the end, bare code, or prose (code is then the whole text). */
  source: 'fence' | 'unterminated-fence' | 'bare' | 'prose' | 'empty';
  /** How many fenced blocks the answer had. */
  blocks: number;
}

interface Block {
  tag: string;
  body: string;
  closed: boolean;
}

/** CommonMark fences: up to three spaces of indent, three or more backticks or tildes, an optional info string. */
const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^\n]*$/;

function parseBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN_FENCE.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    // A closing fence uses the same character, at least as many, and nothing after it.
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const body: string[] = [];
    let closed = false;
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (close.test(lines[j] as string)) {
        closed = true;
        break;
      }
      body.push(lines[j] as string);
    }
    blocks.push({ tag: (open[2] ?? '').toLowerCase(), body: body.join('\n'), closed });
    i = j;
  }
  return blocks;
}

/**
 * The main code of an answer. Several blocks: the longest in the preferred language, else the
 * longest (a usage example or an install command is shorter than the code it goes with).
 */
export function extractCode(answer: string, preferredLanguage?: string): ExtractedCode {
  const preferred = canonicalLanguage(preferredLanguage) ?? (preferredLanguage?.trim() || 'text');
  if (answer.trim() === '') return { code: '', language: preferred, complete: false, source: 'empty', blocks: 0 };
  const blocks = parseBlocks(answer);
  if (blocks.length > 0) {
    const inPreferred = blocks.filter((b) => (canonicalLanguage(b.tag) ?? b.tag) === preferred);
    const pool = inPreferred.length > 0 ? inPreferred : blocks;
    const main = pool.reduce((a, b) => (b.body.trim().length > a.body.trim().length ? b : a));
    const code = trimBlankLines(main.body);
    const language = canonicalLanguage(main.tag) ?? (main.tag || undefined) ?? detectLanguage(code) ?? preferred;
    return { code, language, complete: main.closed, source: main.closed ? 'fence' : 'unterminated-fence', blocks: blocks.length };
  }
  const inline = singleInlineSpan(answer);
  if (inline !== undefined) return { code: inline, language: preferred ?? detectLanguage(inline), complete: true, source: 'bare', blocks: 0 };
  const bare = dropLeadIn(answer);
  if (looksLikeCode(bare)) {
    return { code: trimBlankLines(bare), language: detectLanguage(bare) ?? preferred, complete: true, source: 'bare', blocks: 0 };
  }
  return { code: answer.trim(), language: preferred, complete: true, source: 'prose', blocks: 0 };
}

/** A line of code, as opposed to a sentence: code punctuation at the end, a keyword at the start, or operators. */
const CODE_LINE = /[;{}()[\]]\s*$|^\s*(?:import|from|export|def|class|function|const|let|var|return|if|for|while|fn|pub|func|package|public|private|#include|#!|SELECT|INSERT|UPDATE|DELETE|CREATE|echo|sudo|\$|@|\/\/|#|--|\})|=>|==|:=|^\s{2,}\S/;

/**
 * A call, what /\w\(.*\)/ found: a word character, '(' and a ')' after it. By hand because that expression read to the
 * end of the line from every "x(" of the line (quadratic on "a(a(a(...").
 */
function hasCall(line: string): boolean {
  const open = /\w\(/.exec(line);
  return open !== null && line.indexOf(')', open.index + 2) !== -1;
}

/** True when most non-empty lines look like code, or the language detector recognises it. */
export function looksLikeCode(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  const codeLines = lines.filter((l) => (CODE_LINE.test(l) || hasCall(l)) && !/^[A-Z][a-z]+(?: [a-z]+){3,}[.!?]$/.test(l.trim())).length;
  return codeLines / lines.length >= 0.6 || (detectLanguage(text) !== undefined && codeLines / lines.length >= 0.4);
}

/** "Here is the code:" before bare code. */
function dropLeadIn(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 1 && /^[A-Z][^;{}()=<>]*:\s*$/.test((lines[0] as string).trim())) lines.shift();
  return lines.join('\n');
}

/** "Run `ls -la`." -> ls -la, when the answer is one sentence around one inline code span. */
function singleInlineSpan(text: string): string | undefined {
  const spans = [...text.matchAll(/`([^`\n]+)`/g)];
  if (spans.length !== 1 || text.split('\n').filter((l) => l.trim() !== '').length > 2) return undefined;
  return (spans[0] as RegExpMatchArray)[1]?.trim();
}

function trimBlankLines(text: string): string {
  // trimEnd, not /\s+$/: that expression restarts at every character of an inner whitespace run (quadratic).
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}
