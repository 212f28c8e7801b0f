// Guesses the language of a code snippet (the clipboard's) with cheap regex cues: no parser, microseconds per call.
import type { LanguageId } from '../config/schema.js';

export interface LanguageGuess {
  language: LanguageId;
  /** Score of the winner over the sum of the two best scores: 1 when nothing else matched. */
  confidence: number;
  score: number;
}

type Cue = readonly [RegExp, number];

/** Cues shared by JavaScript and TypeScript; TypeScript wins when its own cues match too. */
const JS_FAMILY: readonly Cue[] = [
  [/\b(?:const|let)\s+[A-Za-z_$][\w$]*\s*=/, 2], [/=>/, 1], [/\bfunction\s*[\w$]*\s*\(/, 2], [/\bconsole\.\w+\(/, 3],
  [/\brequire\(['"]/, 3], [/\bmodule\.exports\b/, 3], [/^\s*import\s+[\w${},*\s]+\s+from\s+['"]/m, 3], [/^\s*export\s+(?:default|const|function|class|async)\b/m, 3],
  [/\b(?:document|window)\.\w+/, 2], [/===|!==/, 2], [/\basync\s+function\b|\bawait\s+[\w$]/, 1], [/\bundefined\b|\bnull\b/, 0.5],
];
const TS_ONLY: readonly Cue[] = [
  [/\binterface\s+[A-Z]\w*\s*(?:<[^>]*>)?\s*(?:extends\s+[\w.,\s<>]+)?\{/, 4], [/^\s*(?:export\s+)?type\s+[A-Z]\w*(?:<[^>]*>)?\s*=/m, 4],
  [/[\w)]\s*:\s*(?:string|number|boolean|void|unknown|any|never|Promise<|Record<|Array<|readonly\s)/, 4], [/\bas\s+(?:const|string|number|unknown|any)\b/, 3],
  [/\b(?:private|public|protected)\s+readonly\b/, 3], [/^\s*import\s+type\b/m, 4], [/<[A-Z]\w*(?:\s*,\s*[A-Z]\w*)*>\s*\(/, 2], [/\benum\s+[A-Z]\w*\s*\{/, 2],
];

const CUES: ReadonlyArray<readonly [LanguageId, readonly Cue[]]> = [
  ['python', [
    [/^\s*def\s+\w+\s*\([^)]*\)\s*(?:->\s*[^:]+)?:\s*$/m, 5], [/^\s*(?:from\s+[\w.]+\s+)?import\s+[\w.]+(?:\s+as\s+\w+)?\s*$/m, 2], [/\bself\b/, 2],
    [/^\s*elif\b/m, 4], [/\b(?:None|True|False)\b/, 1], [/__\w+__/, 3], [/^\s*class\s+\w+(?:\([^)]*\))?:\s*$/m, 5], [/\bprint\(/, 1],
    [/^\s*(?:if|for|while|with|try|except)\b[^{;]*:\s*$/m, 3], [/\blambda\s+\w*:/, 2], [/^\s*@\w+/m, 0.5], [/\bf"[^"]*\{/, 2],
  ]],
  ['go', [
    [/^\s*package\s+\w+\s*$/m, 5], [/\bfunc\s+(?:\([^)]*\)\s*)?\w+\s*\(/, 4], [/:=/, 2], [/\bfmt\.\w+\(/, 4], [/^\s*import\s+\(/m, 4],
    [/\berr\s*!=\s*nil\b/, 5], [/\bchan\s+\w+|\bgo\s+func\b|\bdefer\s+/, 3], [/\[\]\w+\{/, 2],
  ]],
  ['rust', [
    [/\bfn\s+\w+\s*(?:<[^>]*>)?\s*\(/, 4], [/\blet\s+mut\b/, 5], [/\bimpl\b(?:<[^>]*>)?\s+\w+/, 4], [/\bpub\s+(?:fn|struct|enum|mod|trait)\b/, 4],
    [/\w!\s*\(/, 2], [/\buse\s+(?:std|crate|super)::/, 5], [/&(?:mut\s+)?(?:str|self)\b/, 4], [/\b(?:Vec|Option|Result|Box)</, 3], [/\bmatch\s+\w+\s*\{/, 2],
    [/->\s*[A-Z&(]/, 1],
  ]],
  ['java', [
    [/\bpublic\s+(?:static\s+)?(?:final\s+)?class\s+\w+/, 3], [/\bSystem\.out\.print/, 6], [/\bpublic\s+static\s+void\s+main\s*\(\s*String/, 6],
    [/^\s*import\s+java\./m, 6], [/@Override\b/, 2], [/\b(?:private|public|protected)\s+(?:static\s+)?(?:final\s+)?(?:String|int|void|boolean|List<\w+>)\s+\w+/, 3],
    [/\bnew\s+[A-Z]\w*(?:<[^>]*>)?\(/, 1], [/^\s*package\s+[\w.]+;/m, 5],
  ]],
  ['kotlin', [
    [/\bfun\s+(?:<[^>]*>\s*)?[\w.]+\s*\(/, 5], [/\bval\s+\w+/, 2], [/\bdata\s+class\b/, 5], [/\bvar\s+\w+\s*:\s*[A-Z]/, 2], [/\?\.let\b|!!\./, 4],
    [/^\s*import\s+kotlin/m, 5], [/\bprintln\(/, 1], [/\bwhen\s*\([^)]*\)\s*\{/, 3], [/\bcompanion\s+object\b/, 5],
  ]],
  ['csharp', [
    [/^\s*using\s+System(?:\.[\w.]+)?;/m, 6], [/^\s*namespace\s+[\w.]+/m, 3], [/\bConsole\.Write(?:Line)?\(/, 6], [/\{\s*get;\s*(?:private\s+)?set;\s*\}/, 6],
    [/\bpublic\s+(?:async\s+)?(?:static\s+)?(?:Task|void|string|int|bool)(?:<[^>]*>)?\s+[A-Z]\w*\s*\(/, 3], [/\bvar\s+\w+\s*=\s*new\b/, 2], [/\bstring\[\]|\bList<\w+>\s+\w+\s*=/, 1],
  ]],
  ['cpp', [
    [/#include\s*<(?:iostream|vector|string|map|memory|algorithm|unordered_map)>/, 6], [/\bstd::/, 5], [/\bcout\s*<</, 4], [/\btemplate\s*</, 4],
    [/\bnullptr\b/, 4], [/\bclass\s+\w+\s*(?::\s*public\s+\w+)?\s*\{/, 1], [/\bauto\s+\w+\s*=/, 1], [/::\w+\(/, 1],
  ]],
  ['c', [
    [/#include\s*<(?:stdio|stdlib|string|stdint|stdbool|unistd)\.h>/, 6], [/\bprintf\s*\(/, 3], [/\bmalloc\s*\(|\bfree\s*\(/, 3],
    [/\bint\s+main\s*\(\s*(?:void|int\s+argc)/, 3], [/\bstruct\s+\w+\s*\{/, 1], [/[a-z_)\]]->[a-z_]/i, 1], [/#define\s+\w+/, 2],
  ]],
  ['sql', [
    [/\bSELECT\b[\s\S]+?\bFROM\b/i, 5], [/\bINSERT\s+INTO\b/i, 6], [/\bCREATE\s+(?:TABLE|INDEX|VIEW)\b/i, 6], [/\bUPDATE\s+\w+\s+SET\b/i, 6],
    [/\bDELETE\s+FROM\b/i, 6], [/\b(?:INNER|LEFT|RIGHT)\s+JOIN\b/i, 3], [/\bGROUP\s+BY\b|\bORDER\s+BY\b/i, 2], [/\bWHERE\b/, 1],
  ]],
  ['bash', [
    [/^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z)?sh\b/, 8], [/^\s*(?:fi|esac|done)\s*$/m, 4], [/^\s*if\s+\[\[?\s/m, 4], [/\$\{?\w+\}?/, 0.5], [/\$[1-9@#?]/, 2],
    [/^\s*(?:echo|export|sudo|cd|mkdir|chmod|apt-get|grep|curl|rm)\s/m, 2], [/\|\s*(?:grep|awk|sed|xargs|sort|uniq|wc)\b/, 3], [/;\s*then\b|\bthen\s*$/m, 3], [/\bset\s+-e/, 3],
  ]],
  ['powershell', [
    [/\b(?:Get|Set|New|Remove|Write|Invoke|Start|Stop|Test)-[A-Z]\w+/, 5], [/\$PS\w+|\$_\b/, 4], [/\bparam\s*\(/i, 3], [/\s-(?:eq|ne|gt|lt|like|match)\s/, 3],
    [/\|\s*(?:Where|ForEach|Select)-Object\b/, 5], [/\[string\]\$|\[int\]\$/, 4],
  ]],
  ['ruby', [
    [/^\s*def\s+\w+[?!]?(?:\s*\(.*\))?\s*$/m, 3], [/^\s*end\s*$/m, 2], [/\bputs\s/, 3], [/^\s*require\s+['"]/m, 3], [/\battr_(?:accessor|reader|writer)\b/, 5],
    [/\bdo\s*\|\w+(?:,\s*\w+)*\|/, 5], [/\.each\b/, 1], [/^\s*module\s+[A-Z]\w*\s*$/m, 3],
  ]],
  ['php', [[/<\?php/, 10], [/\$this->/, 5], [/\$\w+\s*=/, 1], [/\bfunction\s+\w+\s*\(\s*(?:\w+\s+)?\$/, 5], [/\becho\s+['"$]/, 2], [/->\w+\(/, 1]]],
  ['swift', [
    [/\bfunc\s+\w+\s*(?:<[^>]*>)?\s*\([^)]*\)\s*(?:->|\{|throws)/, 4], [/\bguard\s+let\b|\bif\s+let\b/, 5], [/^\s*import\s+(?:Foundation|SwiftUI|UIKit)\s*$/m, 6],
    [/\blet\s+\w+\s*:\s*[A-Z]\w*/, 2], [/\bvar\s+body\s*:\s*some\s+View/, 6], [/\bstruct\s+\w+\s*:\s*\w+/, 2],
  ]],
  ['scala', [[/\bobject\s+\w+(?:\s+extends\s+App)?\s*\{/, 4], [/\bcase\s+class\b/, 5], [/\bdef\s+\w+(?:\[[^\]]*\])?\([^)]*\)\s*:\s*\w+\s*=/, 5], [/\bimplicit\b/, 3]]],
  ['html', [[/<!DOCTYPE\s+html/i, 8], [/<(?:html|head|body|div|span|ul|li|p|a|form|input|button|script|style)\b[^>]*>/i, 3], [/<\/(?:div|p|span|ul|body|html)>/i, 3]]],
  ['css', [[/^[ \t]*[.#]?[a-z][^{}();=\n]*\{[ \t]*$/im, 1], [/^\s*[\w-]+\s*:\s*[^;{}]+;\s*$/m, 2], [/@media\b|@keyframes\b|@import\s+url/, 4], [/\b(?:px|rem|em|vh|vw)\b\s*;/, 2], [/\b(?:display|margin|padding|color|font-size)\s*:/, 3]]],
  ['yaml', [[/^---\s*$/m, 2], [/^\s*[\w-]+:\s+\S/m, 1], [/^\s*-\s+[\w-]+:\s/m, 3], [/^\s*[\w-]+:\s*$/m, 1]]],
];

/**
 * Cap on the scanned text: a language shows in its first lines, and each of the ~120 cues scans
 * the sample once (about 2 ns a character), so 2 KB keeps detection near 100 µs.
 */
const SAMPLE_CHARS = 2_000;
const MIN_SCORE = 3;

/** The most likely language of `code`, or undefined when nothing matched convincingly (prose, too short). */
export function guessLanguage(code: string): LanguageGuess | undefined {
  const text = collapseWhitespace(code.length > SAMPLE_CHARS ? code.slice(0, SAMPLE_CHARS) : code);
  if (text.trim().length === 0) return undefined;
  const scores = new Map<LanguageId, number>();
  for (const [lang, cues] of CUES) scores.set(lang, score(text, cues));
  const js = score(text, JS_FAMILY);
  const ts = score(text, TS_ONLY);
  scores.set('javascript', js);
  scores.set('typescript', ts > 0 ? js + ts : 0);
  // JSON is checked on the whole text (a cut-off sample never parses); JSON.parse is fast enough up to 64 KB.
  const json = jsonScore(code.length <= 65_536 ? code : text);
  if (json > 0) scores.set('json', json);
  // YAML cues also match Python dicts and CSS; count them only when no braces or semicolons dominate.
  if (/[{};]/.test(text)) scores.set('yaml', 0);
  let best: LanguageId | undefined;
  let bestScore = 0;
  let second = 0;
  for (const [lang, s] of scores) {
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = lang;
    } else if (s > second) {
      second = s;
    }
  }
  if (!best || bestScore < MIN_SCORE) return undefined;
  return { language: best, confidence: bestScore / (bestScore + second), score: bestScore };
}

export function detectLanguage(code: string): LanguageId | undefined {
  return guessLanguage(code)?.language;
}

/**
 * Every whitespace run becomes one character (a newline when the run holds one). Cues such as /^\s*import\s+[\w\s,]+\s+from/m
 * put several whitespace quantifiers side by side, which backtrack polynomially in a long run (2,000 spaces after
 * "import" took 49 s); runs of one character leave them linear, and no cue depends on how much whitespace there is.
 */
export function collapseWhitespace(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (!isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let newline = false;
    while (j < text.length && isSpace(text.charCodeAt(j))) {
      if (text.charCodeAt(j) === 10) newline = true;
      j++;
    }
    if (j - i > 1 || (newline ? text.charCodeAt(i) !== 10 : text.charCodeAt(i) !== 32)) {
      parts.push(text.slice(copied, i), newline ? '\n' : ' ');
      copied = j;
    }
    i = j;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** JavaScript's \s. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function score(text: string, cues: readonly Cue[]): number {
  let total = 0;
  for (const [re, weight] of cues) if (re.test(text)) total += weight;
  return total;
}

function jsonScore(text: string): number {
  const t = text.trim();
  if (!/^[[{]/.test(t) || !/[\]}]$/.test(t)) return 0;
  try {
    JSON.parse(t);
    return 20;
  } catch {
    return 0;
  }
}
