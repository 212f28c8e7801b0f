// Fills the slots of a recognised request: the language to write in, the name said for the code, the framework.
import type { LanguageId } from '../config/schema.js';
import { actsOnExistingCode } from './context-references.js';
import type { CueAnalysis } from './intent-cues.js';
import { formatIdentifier, takeNameWords, type FoundIdentifier, type IdentifierCase } from './identifier.js';
import { canonicalLanguage } from './languages.js';
import type { FrameworkMention, Mention } from './mentions.js';
import type { IntentName } from './types.js';


export interface LanguageInputs {
  intent: IntentName;
  analysis: CueAnalysis;
  mentions: readonly Mention[];
  defaultLanguage: LanguageId | undefined;
  clipboardLanguage: () => LanguageId | undefined;
}

/**
 * The language to write in: said in the request, else implied by a framework ("a django view"),
 * else by the intent (a query is SQL), else the clipboard's for requests on existing code, else
 * the settings default, else the clipboard's. The clipboard comes before the default for requests
 * on existing code because "add types to this" means the copied code's language, whatever the default.
 */
export function resolveLanguage(input: LanguageInputs): LanguageId | undefined {
  const { intent, analysis, defaultLanguage } = input;
  const said = analysis.writing[0]?.id;
  if (said) return said;
  const framework = input.mentions.find((m): m is FrameworkMention => m.kind === 'framework');
  if (framework) {
    const langs = framework.info.languages;
    return defaultLanguage && langs.includes(defaultLanguage) ? defaultLanguage : langs[0];
  }
  if (intent === 'generate_sql') return 'sql';
  if (intent === 'generate_shell') return defaultLanguage === 'powershell' ? 'powershell' : 'bash';
  if (actsOnExistingCode(intent)) {
    const fromClipboard = input.clipboardLanguage();
    if (fromClipboard) return fromClipboard;
  }
  return defaultLanguage ?? input.clipboardLanguage();
}

/** The framework slot: a test framework for tests, else the first one named. */
export function resolveFramework(intent: IntentName, mentions: readonly Mention[]): string | undefined {
  const frameworks = mentions.filter((m): m is FrameworkMention => m.kind === 'framework' && m.info.kind !== 'hint');
  const preferred = intent === 'generate_test' ? frameworks.find((m) => m.info.kind === 'test') : undefined;
  return (preferred ?? frameworks[0])?.info.id;
}

const SNAKE_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['python', 'rust', 'ruby', 'c', 'cpp', 'sql', 'bash']);
const PASCAL_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['csharp', 'powershell']);

/** The case a name takes when none was said: the language's convention for that kind of thing. */
export function conventionalCase(kind: 'function' | 'type' | 'component', language: LanguageId | undefined): IdentifierCase {
  if (kind !== 'function') return 'pascal';
  if (!language) return 'camel';
  if (SNAKE_LANGUAGES.has(language)) return 'snake';
  if (PASCAL_LANGUAGES.has(language)) return 'pascal';
  if (language === 'css' || language === 'html') return 'kebab';
  return 'camel';
}

const NAMING = /\b(?:called|named|name it|call it|names? (?:it|this|that)|rename (?:it|this|that|the \w+) to)\s+/gi;
/** Identifiers written in the text itself (typed requests): camelCase, PascalCase with two humps, snake_case, CONSTANT_CASE. */
const WRITTEN_IDENTIFIER = /\b(?:[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;
const BRANDS = new Set(['github', 'gitlab', 'macos', 'iphone', 'ipad', 'ios', 'youtube', 'linkedin', 'openai', 'graphql', 'mongodb', 'postgresql', 'mysql', 'nodejs', 'sqlite', 'websocket', 'websockets', 'oauth', 'localhost', 'javascript', 'typescript', 'powershell', 'fastapi', 'nextjs', 'jquery', 'swiftui', 'vscode', 'chatgpt', 'devops', 'nestjs', 'typeorm']);
/** "the debounce function": the name of existing code, for requests on existing code. */
const THE_NAMED = /\bthe ((?:[a-z][a-z0-9]* ){1,3})(function|method|class|component|hook|struct|interface|enum|helper|module|endpoint|handler|type)\b/gi;
const NOT_NAMES = new Set([
  'a', 'an', 'the', 'this', 'that', 'my', 'same', 'whole', 'entire', 'above', 'following', 'previous', 'last', 'first', 'current', 'existing',
  'new', 'old', 'async', 'generated', 'selected', 'copied', 'other', 'next', 'second', 'third', 'static', 'public', 'private', 'abstract', 'base',
  'helper', 'utility', 'test', 'unit', 'to', 'for', 'of', 'in', 'on', 'with', 'and', 'or', 'from', 'by', 'it', 'is', 'code',
]);

/**
 * Command-style phrasing, as people who code by voice speak it (Serenade's grammar): "add function compute factorial",
 * "add class download manager", "add parameter max speed". The words after the construct are its name, no "called"
 * needed. Only at the start of the request (after fillers), so "write a function that ..." keeps no name.
 */
const COMMAND = /^(?:(?:um+|uh+|er+|ok|okay|so|now|please|and|then|hey|next)[\s,]+)*(add|create|make|new|insert|define|declare|write|generate)\s+(?:(?:a|an)\s+)?(?:new\s+)?(function|method|class|struct|interface|enum|parameter|param|argument|arg|field|property|variable)\s+/i;
const COMMAND_KINDS: Readonly<Record<string, 'function' | 'type' | 'value'>> = {
  function: 'function', method: 'function', class: 'type', struct: 'type', interface: 'type', enum: 'type',
  parameter: 'value', param: 'value', argument: 'value', arg: 'value', field: 'value', property: 'value', variable: 'value',
};

const VALUE_VERBS: ReadonlySet<string> = new Set(['add', 'insert', 'new', 'declare', 'define', 'create']);

/** The case of a parameter, field or variable: snake_case where functions are, PascalCase in PowerShell, else camelCase. */
function valueCase(language: LanguageId | undefined): IdentifierCase {
  if (language && SNAKE_LANGUAGES.has(language)) return 'snake';
  if (language === 'powershell') return 'pascal';
  return 'camel';
}

/** The name of a command-style request ("add function compute factorial" -> computeFactorial / compute_factorial). */
export function commandName(text: string, language: LanguageId | undefined): string | undefined {
  const m = COMMAND.exec(text.length > 200 ? text.slice(0, 200) : text);
  if (!m) return undefined;
  const kind = COMMAND_KINDS[(m[2] as string).toLowerCase()] ?? 'function';
  // "write property based tests": a parameter, field or variable is added or declared, never written.
  if (kind === 'value' && !VALUE_VERBS.has((m[1] as string).toLowerCase())) return undefined;
  const words: string[] = [];
  // "add function is palindrome": a predicate's name starts with a word that elsewhere ends a name.
  const predicate = /^(is|has|can|should)\s+/i.exec(text.slice(m[0].length));
  if (predicate) words.push(predicate[1] as string);
  for (const w of takeNameWords(text, m[0].length + (predicate ? predicate[0].length : 0))) {
    // "add function parse date in python" stops at "in"; "add function python ..." names no function.
    if (canonicalLanguage(w.text)) break;
    words.push(w.text);
  }
  if (predicate ? words.length < 2 : words.length === 0 || NOT_NAMES.has((words[0] as string).toLowerCase())) return undefined;
  return formatIdentifier(words, kind === 'value' ? valueCase(language) : conventionalCase(kind, language));
}

export interface NameInputs {
  intent: IntentName;
  /** Text after normaliseIdentifiers, original case. */
  text: string;
  identifiers: readonly FoundIdentifier[];
  kind: 'function' | 'type' | 'component';
  language: LanguageId | undefined;
}

/**
 * The name said for the code: a spoken case instruction, else the words after "called"/"named",
 * else the words after the construct of a command ("add function compute factorial"), else a known identifier that was said, else an identifier typed as such, else (for requests on
 * existing code) "the X function".
 */
export function resolveName(input: NameInputs): string | undefined {
  const { text, identifiers } = input;
  const fromCase = identifiers.find((f) => f.source === 'case');
  if (fromCase) return fromCase.value;
  NAMING.lastIndex = 0;
  for (let m = NAMING.exec(text); m; m = NAMING.exec(text)) {
    const at = m.index + m[0].length;
    const found = identifiers.find((f) => f.start === at);
    if (found) return found.value;
    const written = /^[A-Za-z_$][\w$-]*/.exec(text.slice(at))?.[0];
    if (written && isWrittenIdentifier(written)) return written;
    const words = takeNameWords(text, at).map((w) => w.text).filter((w) => !canonicalLanguage(w));
    if (words.length > 0) return formatIdentifier(words, conventionalCase(kindBefore(text, m.index) ?? input.kind, input.language));
  }
  const fromCommand = commandName(text, input.language);
  if (fromCommand) return fromCommand;
  const known = identifiers.find((f) => f.source === 'known');
  if (known) return known.value;
  for (const m of text.matchAll(WRITTEN_IDENTIFIER)) if (!BRANDS.has(m[0].toLowerCase())) return m[0];
  if (!actsOnExistingCode(input.intent)) return undefined;
  for (const m of text.matchAll(THE_NAMED)) {
    const words = (m[1] as string).trim().split(' ');
    if (words.some((w) => NOT_NAMES.has(w.toLowerCase()) || canonicalLanguage(w) !== undefined)) continue;
    const noun = (m[2] as string).toLowerCase();
    const kind = ['class', 'struct', 'interface', 'enum', 'type'].includes(noun) ? 'type' : noun === 'component' ? 'component' : 'function';
    return formatIdentifier(words, conventionalCase(kind, input.language));
  }
  return undefined;
}

function isWrittenIdentifier(word: string): boolean {
  WRITTEN_IDENTIFIER.lastIndex = 0;
  const m = WRITTEN_IDENTIFIER.exec(word);
  return m !== null && m[0] === word && !BRANDS.has(word.toLowerCase());
}

/** "a class called ..." names a type; "a component called ..." a component. */
function kindBefore(text: string, at: number): 'type' | 'component' | 'function' | undefined {
  const before = /(\w+)\s+$/.exec(text.slice(Math.max(0, at - 24), at))?.[1]?.toLowerCase();
  if (!before) return undefined;
  if (['class', 'struct', 'interface', 'enum', 'type', 'model', 'record', 'entity', 'service'].includes(before)) return 'type';
  if (before === 'component') return 'component';
  if (['function', 'method', 'helper', 'hook', 'variable', 'func', 'handler'].includes(before)) return 'function';
  return undefined;
}
