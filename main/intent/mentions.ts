// Finds the languages and frameworks named in an utterance (longest spoken phrase first) and which ones say what to write in.
import type { LanguageId } from '../config/schema.js';
import {
  CONTEXTUAL_LANGUAGE_WORDS, DATA_LANGUAGES, FRAMEWORK_PHRASES, LANGUAGE_PHRASES, type FrameworkInfo,
} from './languages.js';

export interface LanguageMention {
  kind: 'language';
  id: LanguageId;
  /** Token range [start, end). */
  start: number;
  end: number;
}

export interface FrameworkMention {
  kind: 'framework';
  info: FrameworkInfo;
  start: number;
  end: number;
}

export type Mention = LanguageMention | FrameworkMention;

type Entry = { tokens: readonly string[]; mention: { kind: 'language'; id: LanguageId } | { kind: 'framework'; info: FrameworkInfo } };

/** First token -> phrases starting with it, longest first, so "java script" wins over "java". */
const INDEX: ReadonlyMap<string, readonly Entry[]> = (() => {
  const map = new Map<string, Entry[]>();
  const add = (phrase: string, mention: Entry['mention']): void => {
    const tokens = phrase.split(' ');
    const first = tokens[0] as string;
    const list = map.get(first) ?? [];
    list.push({ tokens, mention });
    map.set(first, list);
  };
  for (const [id, phrase] of LANGUAGE_PHRASES) add(phrase, { kind: 'language', id });
  for (const [phrase, info] of FRAMEWORK_PHRASES) add(phrase, { kind: 'framework', info });
  for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return map;
})();

/**
 * Lowercase word tokens of an utterance. Symbol spellings are mapped first ("c++" -> cpp, "c#" ->
 * csharp, "node.js" -> nodejs) because punctuation is dropped; contractions stay one token ("what's").
 */
export function tokenise(text: string): string[] {
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\bc\s*\+\+/g, ' cpp ')
    .replace(/\bc\s*#/g, ' csharp ')
    .replace(/(^|\s)\.net\b/g, ' dotnet ')
    .replace(/\b([a-z]+)\.js\b/g, '$1js');
  return lower.match(/[a-z0-9_]+(?:'[a-z]+)?/g) ?? [];
}

/** Every language and framework phrase in the tokens, left to right, without overlaps. */
export function scanMentions(tokens: readonly string[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; ) {
    const candidates = INDEX.get(tokens[i] as string);
    let matched: Entry | undefined;
    if (candidates) {
      for (const entry of candidates) {
        if (entry.tokens.every((t, k) => tokens[i + k] === t)) {
          matched = entry;
          break;
        }
      }
    }
    if (!matched) {
      i++;
      continue;
    }
    const end = i + matched.tokens.length;
    if (matched.mention.kind === 'language') {
      const mention: LanguageMention = { kind: 'language', id: matched.mention.id, start: i, end };
      if (!CONTEXTUAL_LANGUAGE_WORDS.has(matched.tokens.join(' ')) || inLanguageContext(tokens, mention)) out.push(mention);
    } else {
      out.push({ kind: 'framework', info: matched.mention.info, start: i, end });
    }
    i = end;
  }
  return out;
}

/** Words before a language name that make it the language to write in ("in go", "a c function", "write go tests"). */
const LANGUAGE_BEFORE = new Set([
  'in', 'into', 'to', 'using', 'with', 'a', 'an', 'the', 'this', 'that', 'my', 'some', 'plain', 'idiomatic', 'modern',
  'pure', 'vanilla', 'write', 'make', 'create', 'generate', 'give', 'me', 'for', 'of', 'add', 'ansi', 'simple', 'native',
]);
/** Nouns after a language name that make it one ("go function", "c code", "node server"). */
const CODE_NOUNS = new Set([
  'function', 'functions', 'method', 'class', 'struct', 'code', 'program', 'script', 'snippet', 'module', 'library',
  'test', 'tests', 'version', 'app', 'application', 'server', 'service', 'api', 'cli', 'backend', 'language', 'routine',
  'interface', 'enum', 'type', 'types', 'file', 'files', 'header', 'macro', 'query', 'statement', 'one', 'loop', 'command',
]);
/** Words after "go" that make it the verb ("go through", "go ahead"). */
const GO_VERB_NEXT = new Set(['through', 'ahead', 'back', 'over', 'away', 'on', 'out', 'up', 'down', 'home', 'get', 'fetch', 'and', 'there', 'live', 'to', 'wrong', 'with']);

function inLanguageContext(tokens: readonly string[], m: LanguageMention): boolean {
  const prev = tokens[m.start - 1];
  const next = tokens[m.end];
  if (m.id === 'go' && next !== undefined && GO_VERB_NEXT.has(next)) return false;
  if (next !== undefined && CODE_NOUNS.has(next)) return true;
  if (m.id === 'javascript') return prev === 'in' || prev === 'using' || prev === 'with' || prev === 'for' || prev === 'to' || prev === 'into';
  return prev !== undefined && LANGUAGE_BEFORE.has(prev);
}

/** Verbs whose object is data, not the language to write in ("parses json", "runs python"). */
const OBJECT_VERBS = new Set([
  'parse', 'parses', 'parsing', 'read', 'reads', 'reading', 'return', 'returns', 'returning', 'output', 'outputs', 'emit', 'emits',
  'render', 'renders', 'run', 'runs', 'running', 'execute', 'executes', 'serialize', 'serializes', 'serialise', 'serialises',
  'format', 'formats', 'load', 'loads', 'print', 'prints', 'than', 'from', 'as', 'validate', 'validates', 'activates', 'activate',
  'install', 'installs', 'call', 'calls', 'sends', 'send', 'accepts', 'takes',
]);
/** Words after a language that make it an object ("typescript files", "python virtual environment"). */
const OBJECT_NEXT = new Set(['file', 'files', 'virtual', 'developers', 'developer', 'interpreter', 'shell', 'object', 'objects', 'data', 'payload', 'response', 'body', 'config']);
const DATA_WRITE_BEFORE = new Set(['in', 'into', 'using', 'a', 'an', 'this', 'the', 'write', 'generate', 'create', 'make', 'plain', 'some', 'to', 'my']);
const DATA_CODE_NOUNS = new Set(['code', 'snippet', 'file', 'template', 'page', 'markup', 'stylesheet', 'schema', 'config', 'layout', 'form', 'component']);

/**
 * True when the mention says which language to write in (or which language the code is in), not
 * what the code handles: "a function that parses json" names an input, "in json" an output.
 */
export function isWritingLanguage(tokens: readonly string[], m: LanguageMention): boolean {
  const prev = tokens[m.start - 1];
  const next = tokens[m.end];
  if (DATA_LANGUAGES.has(m.id)) {
    if (next !== undefined && DATA_CODE_NOUNS.has(next)) return true;
    return prev === undefined ? next === undefined : DATA_WRITE_BEFORE.has(prev) && (next === undefined || !OBJECT_NEXT.has(next));
  }
  if (next !== undefined && OBJECT_NEXT.has(next)) return false;
  return prev === undefined || !OBJECT_VERBS.has(prev);
}
