// The simulator's edit recipes (rename, make async, add a parameter, handle the error, add types): plain text rewrites of the selection it was sent.
import type { LanguageProfile } from './code-languages.js';

const BRACE_LANGS = new Set(['typescript', 'javascript', 'java', 'csharp', 'kotlin', 'cpp', 'c', 'php', 'swift', 'scala', 'go', 'rust']);

/** "max speed", "maxSpeed", "max_speed" -> ['max', 'speed']. */
function words(phrase: string): string[] {
  return phrase.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

const cap = (w: string): string => (w === '' ? w : `${(w[0] as string).toUpperCase()}${w.slice(1)}`);

function note(selection: string, comment: string | null, text: string): string {
  const first = selection.split('\n').find((l) => l.trim() !== '') ?? '';
  const indent = /^[ \t]*/.exec(first)?.[0] ?? '';
  return `${indent}${comment ?? '//'} Simulated Gemini: ${text}\n${selection}`;
}

/** Renames the words of `from` to `to` inside every identifier, keeping each one's case style (user -> account, getUser -> getAccount, USER_ID -> ACCOUNT_ID). */
export function rename(selection: string, from: string, to: string): string {
  const fromWords = words(from);
  const toWords = words(to);
  if (fromWords.length === 0 || toWords.length === 0) return selection;
  return selection.replace(/[A-Za-z_$][\w$]*/g, (ident) => renameIdent(ident, fromWords, toWords));
}

function renameIdent(ident: string, fromWords: readonly string[], toWords: readonly string[]): string {
  const segs = ident.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[_$]+/g) ?? [];
  if (segs.join('') !== ident) return ident;
  const out: string[] = [];
  for (let i = 0; i < segs.length; ) {
    let j = i;
    let k = 0;
    let underscored = false;
    while (k < fromWords.length && j < segs.length) {
      if (k > 0 && segs[j] === '_') {
        underscored = true;
        j++;
      }
      if ((segs[j] ?? '').toLowerCase() !== fromWords[k]) break;
      j++;
      k++;
    }
    // A match must end at a word boundary inside the identifier (user in userId, not in username).
    const next = segs[j];
    const boundary = next === undefined || /^[_$0-9]/.test(next) || /^[A-Z]/.test(next);
    if (k === fromWords.length && boundary) {
      const first = segs[i] as string;
      const upper = first.length > 1 && first === first.toUpperCase();
      const snake = underscored || (upper && ident.includes('_'));
      const capital = /^[A-Z]/.test(first);
      const parts = toWords.map((w, n) => (upper ? w.toUpperCase() : n === 0 ? (capital ? cap(w) : w) : snake ? w : cap(w)));
      out.push(parts.join(snake || upper ? '_' : ''));
      i = j;
    } else {
      out.push(segs[i] as string);
      i++;
    }
  }
  return out.join('');
}

/** The span of the first parameter list of a declaration: [index of '(', index of its ')']. */
function firstParams(code: string, language: string): [number, number] | undefined {
  const decl = language === 'python' ? /\bdef\s+\w+\s*\(/ : language === 'rust' ? /\bfn\s+\w+\s*(?:<[^>]*>)?\s*\(/ : language === 'go' ? /\bfunc\s+(?:\([^)]*\)\s*)?\w+\s*\(/
    : /\bfunction\b[^(]*\(|=\s*(?:async\s*)?\(|^[ \t]*(?:(?:public|private|protected|static|async|export|override|final)\s+)*[A-Za-z_$][\w$<>[\], ]*?\s*\b(?!if\b|for\b|while\b|switch\b|catch\b|return\b)[A-Za-z_$][\w$]*\s*\(/m;
  const m = decl.exec(code);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return [open, i];
  }
  return undefined;
}

const PARAM_TYPES: Record<string, (name: string) => string> = {
  typescript: (n) => `${n}: number`, python: (n) => `${n}: float`, go: (n) => `${n} float64`, rust: (n) => `${n}: f64`,
  java: (n) => `double ${n}`, csharp: (n) => `double ${n}`, kotlin: (n) => `${n}: Double`, swift: (n) => `${n}: Double`, scala: (n) => `${n}: Double`,
  cpp: (n) => `double ${n}`, c: (n) => `double ${n}`, php: (n) => `float $${n}`,
};

const DEFAULTS: Record<string, string> = { typescript: '0', javascript: '0', python: '0.0', kotlin: '0.0', swift: '0.0', scala: '0.0', php: '0.0' };

/** Adds a parameter (named in the language's convention) at the end of the first declaration's parameter list. */
export function addParameter(selection: string, phrase: string, language: string, profile: LanguageProfile): string {
  const w = words(phrase.replace(/^(?:a|an|the)\s+/i, ''));
  if (w.length === 0) return note(selection, profile.comment, `no parameter name in "${phrase}"; the selection is unchanged.`);
  const name = profile.naming === 'snake' ? w.join('_') : `${w[0] as string}${w.slice(1).map(cap).join('')}`;
  const span = firstParams(selection, language);
  if (!span) return note(selection, profile.comment, `found no function to add the parameter ${name} to; the selection is unchanged.`);
  const [open, close] = span;
  const inner = selection.slice(open + 1, close);
  // After a parameter with a default, a new one needs a default too (Python and TypeScript reject it otherwise).
  const needsDefault = /=(?!>)/.test(inner) && DEFAULTS[language] !== undefined;
  const param = `${(PARAM_TYPES[language] ?? ((n: string) => n))(name)}${needsDefault ? ` = ${DEFAULTS[language] as string}` : ''}`;
  let next: string;
  if (inner.trim() === '') next = param;
  else if (inner.includes('\n')) {
    const lines = inner.split('\n');
    const last = [...lines].reverse().find((l) => l.trim() !== '') ?? '';
    const indent = /^[ \t]*/.exec(last)?.[0] ?? '';
    const body = inner.trimEnd();
    next = body.endsWith(',') ? `${body}\n${indent}${param},${inner.slice(body.length)}` : `${body},\n${indent}${param}${inner.slice(body.length)}`;
  } else next = `${inner.trimEnd()}, ${param}`;
  return `${selection.slice(0, open + 1)}${next}${selection.slice(close)}`;
}

/** Makes the first function async in the language's way, awaiting the calls that return promises where it knows them. */
export function makeAsync(selection: string, language: string): string {
  let code = selection;
  if (language === 'typescript' || language === 'javascript') {
    if (/\bfunction\b/.test(code)) code = code.replace(/(^|[^\w.])((?:export\s+)?(?:default\s+)?)(?<!async\s+)function\b/, '$1$2async function');
    else if (/=\s*(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>/.test(code)) code = code.replace(/=\s*(?!async\b)(\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>/, '= async $1 =>');
    else code = code.replace(/^([ \t]*(?:(?:public|private|protected|static)\s+)*)(?!if\b|for\b|while\b|switch\b|async\b)([A-Za-z_$][\w$]*\s*\([^()]*\)\s*(?::\s*[^{]+)?\{)/m, '$1async $2');
    if (language === 'typescript') code = code.replace(/(\basync\b[^{]*?\)\s*:\s*)(?!Promise<)([^{=]+?)(\s*(?:\{|=>))/, '$1Promise<$2>$3');
    code = code.replace(/(^|[^\w.])(?<!await\s)(fetch\s*\()/g, '$1await $2');
  } else if (language === 'python') {
    code = code.replace(/(^|[^\w])(?<!async\s)def\s/, '$1async def ').replace(/\btime\.sleep\(/g, 'await asyncio.sleep(');
  } else if (language === 'rust') code = code.replace(/(^|[^\w])(?<!async\s)fn\s/, '$1async fn ');
  else if (language === 'kotlin') code = code.replace(/(^|[^\w])(?<!suspend\s)fun\s/, '$1suspend fun ');
  else return note(selection, language === 'python' ? '#' : '//', `no async recipe for ${language}; the selection is unchanged.`);
  return code === selection ? note(selection, language === 'python' ? '#' : '//', 'found no function to make async; the selection is unchanged.') : code;
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The unit one nesting level adds: a tab when the code indents with tabs, else its smallest step of spaces (4 when flat). */
function unitOf(lines: readonly string[]): string {
  if (lines.some((l) => l.startsWith('\t'))) return '\t';
  const steps = lines.filter((l) => l.trim() !== '').map((l) => indentOf(l).length).filter((n) => n > 0);
  const min = steps.length > 0 ? Math.min(...steps) : 4;
  return ' '.repeat(Math.min(8, Math.max(2, min)));
}

const CATCH: Record<string, (unit: string) => [string, string[]]> = {
  typescript: (u) => ['} catch (error) {', [`${u}console.error(error);`, `${u}throw error;`]],
  javascript: (u) => ['} catch (error) {', [`${u}console.error(error);`, `${u}throw error;`]],
  java: (u) => ['} catch (Exception error) {', [`${u}throw new RuntimeException(error);`]],
  kotlin: (u) => ['} catch (error: Exception) {', [`${u}throw IllegalStateException(error)`]],
  csharp: (u) => ['} catch (Exception error) {', [`${u}Console.Error.WriteLine(error);`, `${u}throw;`]],
  php: (u) => ['} catch (\\Throwable $error) {', [`${u}throw new \\RuntimeException($error->getMessage(), 0, $error);`]],
  cpp: (u) => ['} catch (const std::exception& error) {', [`${u}std::cerr << error.what() << '\\n';`, `${u}throw;`]],
};

/** Wraps the first function's body (or the whole selection) in the language's try/catch that logs and rethrows. */
export function handleError(selection: string, language: string): string {
  const lines = selection.split('\n');
  const unit = unitOf(lines);
  if (language === 'python') {
    const def = lines.findIndex((l) => /^\s*(?:async\s+)?def\b.*:\s*$/.test(l));
    const start = def + 1;
    const base = def === -1 ? indentOf(lines.find((l) => l.trim() !== '') ?? '') : indentOf(lines[start] ?? '');
    let end = start;
    while (end < lines.length && (lines[end]?.trim() === '' || indentOf(lines[end] as string).length >= base.length)) end++;
    const body = lines.slice(start, end).map((l) => (l.trim() === '' ? l : `${unit}${l}`));
    return [...lines.slice(0, start), `${base}try:`, ...body, `${base}except Exception as error:`, `${base}${unit}raise RuntimeError(f"failed: {error}") from error`, ...lines.slice(end)].join('\n');
  }
  const handler = CATCH[language];
  if (!handler || !BRACE_LANGS.has(language)) return note(selection, '//', `no error-handling recipe for ${language} (it returns errors as values); the selection is unchanged.`);
  const open = lines.findIndex((l) => /\{\s*$/.test(l));
  let close = -1;
  if (open !== -1) {
    let depth = 0;
    for (let i = open; i < lines.length && close === -1; i++) {
      for (const c of lines[i] as string) {
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
          close = i;
          break;
        }
      }
    }
  }
  const [catchLine, handling] = handler(unit);
  if (open === -1 || close === -1 || close === open) {
    const base = indentOf(lines.find((l) => l.trim() !== '') ?? '');
    return [`${base}try {`, ...lines.map((l) => (l.trim() === '' ? l : `${unit}${l}`)), `${base}${catchLine}`, ...handling.map((h) => `${base}${h}`), `${base}}`].join('\n');
  }
  const body = lines.slice(open + 1, close);
  const base = indentOf(body.find((l) => l.trim() !== '') ?? `${indentOf(lines[open] as string)}${unit}`);
  return [...lines.slice(0, open + 1), `${base}try {`, ...body.map((l) => (l.trim() === '' ? l : `${unit}${l}`)), `${base}${catchLine}`, ...handling.map((h) => `${base}${h}`), `${base}}`, ...lines.slice(close)].join('\n');
}

/** Parameters split at top-level commas. */
function splitParams(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  out.push(inner.slice(from));
  return out;
}

/** A type from a default value: 0 -> number, '' -> string, true -> boolean; else the language's "unknown". */
function guessType(def: string | undefined, language: string): string {
  const v = def?.trim() ?? '';
  const py = language === 'python';
  if (/^-?\d+$/.test(v)) return py ? 'int' : 'number';
  if (/^-?\d*\.\d+$/.test(v)) return py ? 'float' : 'number';
  if (/^(['"`]).*\1$/.test(v)) return py ? 'str' : 'string';
  if (/^(?:true|false|True|False)$/.test(v)) return py ? 'bool' : 'boolean';
  return py ? 'object' : 'unknown';
}

/** Annotates the first declaration's untyped parameters (TypeScript and Python); other languages say they have no recipe. */
export function addTypes(selection: string, language: string): string {
  if (language !== 'typescript' && language !== 'python') return note(selection, language === 'ruby' || language === 'bash' ? '#' : '//', `no add-types recipe for ${language}; the selection is unchanged.`);
  const span = firstParams(selection, language);
  if (!span) return note(selection, language === 'python' ? '#' : '//', 'found no function to add types to; the selection is unchanged.');
  const [open, close] = span;
  const params = splitParams(selection.slice(open + 1, close)).map((p) => {
    const m = /^(\s*)(\.\.\.)?([A-Za-z_$][\w$]*)(\??)(\s*)(=\s*(.*?))?(\s*)$/s.exec(p);
    if (!m || p.includes(':') || (language === 'python' && /^(?:self|cls)$/.test(m[3] as string))) return p;
    const type = m[2] ? 'unknown[]' : guessType(m[7], language);
    return `${m[1]}${m[2] ?? ''}${m[3]}${m[4]}: ${type}${m[6] ? ` = ${m[7] ?? ''}` : m[5]}${m[8]}`;
  });
  return `${selection.slice(0, open + 1)}${params.join(',')}${selection.slice(close)}`;
}
