// Spoken identifiers to code identifiers: "camel case fetch user" -> fetchUser, and spoken forms of known names -> those names.

export type IdentifierCase = 'camel' | 'pascal' | 'snake' | 'kebab' | 'constant';

export interface FoundIdentifier {
  value: string;
  /** 'case': from a spoken case instruction; 'known': a spoken form of a known identifier. */
  source: 'case' | 'known';
  /** Character range of the identifier in the normalised text. */
  start: number;
  end: number;
}

export interface IdentifierScan {
  text: string;
  identifiers: FoundIdentifier[];
}

/** Splits an identifier into lowercase words: fetchUserByID -> fetch, user, by, id; MAX_RETRIES -> max, retries. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export function formatIdentifier(words: readonly string[], style: IdentifierCase): string {
  const lower = words.map((w) => w.toLowerCase()).filter((w) => w.length > 0);
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  switch (style) {
    case 'camel':
      return lower.map((w, i) => (i === 0 ? w : cap(w))).join('');
    case 'pascal':
      return lower.map(cap).join('');
    case 'snake':
      return lower.join('_');
    case 'kebab':
      return lower.join('-');
    case 'constant':
      return lower.join('_').toUpperCase();
  }
}

/** Spoken case instructions, longest first. Speech engines write "camelcase", "camel case" or "camel-case". */
const CASE_INSTRUCTIONS: ReadonlyArray<readonly [RegExp, IdentifierCase]> = [
  [/^(?:screaming|upper)[\s-]?snake[\s-]?case$/, 'constant'],
  [/^(?:constant|const|all[\s-]?caps)[\s-]?case$/, 'constant'],
  [/^upper[\s-]?camel[\s-]?case$/, 'pascal'],
  [/^lower[\s-]?camel[\s-]?case$/, 'camel'],
  [/^camel[\s-]?case$/, 'camel'],
  [/^(?:pascal|title)[\s-]?case$/, 'pascal'],
  [/^snake[\s-]?case$/, 'snake'],
  [/^(?:kebab|dash|hyphen)[\s-]?case$/, 'kebab'],
];
const INSTRUCTION_START = /\b(?:(?:screaming|upper|lower)[\s-]?)?(?:camel|pascal|title|snake|kebab|dash|hyphen|constant|const|all[\s-]?caps)[\s-]?case\b/gi;

/** Words that end a spoken identifier: "camel case fetch user that calls the api" -> fetchUser. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'that', 'which', 'who', 'whose', 'where', 'when', 'while', 'and', 'or', 'but', 'with', 'without', 'in', 'into',
  'taking', 'takes', 'accepting', 'accepts', 'returning', 'returns', 'using', 'uses', 'so', 'then', 'than', 'is', 'are', 'was',
  'should', 'must', 'will', 'can', 'could', 'would', 'it', 'this', 'please', 'called', 'named', 'function', 'method', 'class',
  'variable', 'constant', 'field', 'property', 'component', 'hook', 'struct', 'interface', 'type', 'enum', 'test', 'tests',
  'file', 'module', 'instead', 'inside', 'here', 'now', 'also', 'just', 'like', 'as', 'let', 'because', 'if',
]);
/** Connectives that may sit inside a name (waitForIdle, getUserById) but not end it ("parse date from a string"). */
const TRAILING_CONNECTIVES = new Set(['to', 'for', 'of', 'by', 'from', 'on', 'at', 'off', 'over', 'per', 'all', 'my', 'our', 'your']);
const MAX_WORDS = 6;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The spoken words of a name from `from` onwards: plain words separated by spaces only, up to a
 * stop word, punctuation or MAX_WORDS, without trailing connectives.
 */
export function takeNameWords(text: string, from: number): Word[] {
  const re = /[A-Za-z][A-Za-z0-9]*|[0-9]+/y;
  const words: Word[] = [];
  let pos = from;
  // A speech engine may put a comma or colon after the instruction ("camel case, fetch user").
  const lead = /^[\s,:]*/.exec(text.slice(pos));
  pos += lead ? lead[0].length : 0;
  while (words.length < MAX_WORDS) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const word = m[0];
    if (STOP_WORDS.has(word.toLowerCase())) break;
    words.push({ text: word, start: m.index, end: m.index + word.length });
    const gap = /^[ \t]+/.exec(text.slice(re.lastIndex));
    if (!gap) break;
    pos = re.lastIndex + gap[0].length;
  }
  while (words.length > 0 && TRAILING_CONNECTIVES.has((words[words.length - 1] as Word).text.toLowerCase())) words.pop();
  return words;
}

interface KnownEntry {
  words: readonly string[];
  value: string;
}
const KNOWN_CACHE = new WeakMap<readonly string[], ReadonlyMap<string, readonly KnownEntry[]>>();

/** First word -> known identifiers of two or more words, longest first (built once per vocabulary list). */
function knownIndex(known: readonly string[]): ReadonlyMap<string, readonly KnownEntry[]> {
  const cached = KNOWN_CACHE.get(known);
  if (cached) return cached;
  const map = new Map<string, KnownEntry[]>();
  for (const value of known) {
    const words = splitIdentifier(value);
    // One-word names are left alone: replacing "user" everywhere would rewrite ordinary speech.
    if (words.length < 2) continue;
    const list = map.get(words[0] as string) ?? [];
    if (!list.some((e) => e.value === value)) list.push({ words, value });
    map.set(words[0] as string, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  KNOWN_CACHE.set(known, map);
  return map;
}

/** The known identifier whose words are exactly the spoken words ("fetch user by id" -> fetchUserById), case-insensitive. */
export function matchKnownIdentifier(spoken: string, known: readonly string[]): string | undefined {
  const words = splitIdentifier(spoken);
  if (words.length === 0) return undefined;
  for (const value of known) {
    const parts = splitIdentifier(value);
    if (parts.length === words.length && parts.every((p, i) => p === words[i])) return value;
  }
  return undefined;
}

/** Applies spoken case instructions, then maps spoken forms of known identifiers, and says where each identifier is. */
export function scanIdentifiers(text: string, knownIdentifiers: readonly string[] = []): IdentifierScan {
  let out = text;
  const found: FoundIdentifier[] = [];
  if (/case\b|caps/i.test(out)) out = applyCaseInstructions(out, found);
  if (knownIdentifiers.length > 0) out = applyKnown(out, knownIdentifiers, found);
  return { text: out, identifiers: found.sort((a, b) => a.start - b.start) };
}

/**
 * The transcript with spoken identifiers written as code identifiers. With a `convention`, a learned
 * camelCase or snake_case name is written in it (fetchUserById said in a Python request ->
 * fetch_user_by_id); type-like PascalCase and CONSTANT_CASE names stay as learned.
 */
export function normaliseIdentifiers(text: string, knownIdentifiers: readonly string[] = [], convention?: 'camel' | 'snake'): string {
  const scan = scanIdentifiers(text, knownIdentifiers);
  if (!convention) return scan.text;
  let out = '';
  let last = 0;
  for (const f of scan.identifiers) {
    if (f.source !== 'known') continue;
    out += scan.text.slice(last, f.start) + inConvention(f.value, convention);
    last = f.end;
  }
  return out + scan.text.slice(last);
}

/** camelCase <-> snake_case only: the two forms functions and variables take across languages. */
function inConvention(name: string, convention: 'camel' | 'snake'): string {
  const isCamel = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(name);
  const isSnake = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name);
  if (convention === 'snake' && isCamel) return formatIdentifier(splitIdentifier(name), 'snake');
  if (convention === 'camel' && isSnake) return formatIdentifier(splitIdentifier(name), 'camel');
  return name;
}

function applyCaseInstructions(text: string, found: FoundIdentifier[]): string {
  let out = '';
  let last = 0;
  INSTRUCTION_START.lastIndex = 0;
  for (let m = INSTRUCTION_START.exec(text); m; m = INSTRUCTION_START.exec(text)) {
    const instruction = m[0].toLowerCase();
    const style = CASE_INSTRUCTIONS.find(([re]) => re.test(instruction))?.[1];
    if (!style || m.index < last) continue;
    const words = takeNameWords(text, m.index + m[0].length);
    if (words.length === 0) continue;
    const value = formatIdentifier(words.map((w) => w.text), style);
    out += text.slice(last, m.index);
    found.push({ value, source: 'case', start: out.length, end: out.length + value.length });
    out += value;
    last = (words[words.length - 1] as Word).end;
    INSTRUCTION_START.lastIndex = last;
  }
  return out + text.slice(last);
}

function applyKnown(text: string, known: readonly string[], found: FoundIdentifier[]): string {
  const index = knownIndex(known);
  if (index.size === 0) return text;
  const words: Word[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9]+/g)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  const fromCase = [...found];
  const replaced: Array<{ start: number; end: number; value: string }> = [];
  for (let i = 0; i < words.length; ) {
    const w = words[i] as Word;
    const match = index.get(w.text.toLowerCase())?.find((entry) => spokenMatches(text, words, i, entry.words));
    if (!match || fromCase.some((f) => w.start < f.end && w.end > f.start)) {
      i++;
      continue;
    }
    replaced.push({ start: w.start, end: (words[i + match.words.length - 1] as Word).end, value: match.value });
    i += match.words.length;
  }
  if (replaced.length === 0) return text;
  // Identifiers from case instructions move by the length change of the replacements before them.
  const shift = (pos: number): number => replaced.reduce((d, r) => (r.end <= pos ? d + r.value.length - (r.end - r.start) : d), 0);
  for (const f of fromCase) {
    const d = shift(f.start);
    f.start += d;
    f.end += d;
  }
  let out = '';
  let last = 0;
  for (const r of replaced) {
    out += text.slice(last, r.start);
    found.push({ value: r.value, source: 'known', start: out.length, end: out.length + r.value.length });
    out += r.value;
    last = r.end;
  }
  return out + text.slice(last);
}

function spokenMatches(text: string, words: readonly Word[], i: number, target: readonly string[]): boolean {
  for (let k = 0; k < target.length; k++) {
    const w = words[i + k];
    if (!w || w.text.toLowerCase() !== target[k]) return false;
    // Words of one spoken name are separated by spaces only (not a comma or a full stop).
    if (k > 0 && !/^\s+$/.test(text.slice((words[i + k - 1] as Word).end, w.start))) return false;
  }
  return true;
}
