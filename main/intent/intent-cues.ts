// Scores each intent from the words of a request: a creation verb and its head noun, action verbs on existing code, conversions.
import type { LanguageId } from '../config/schema.js';
import { isWritingLanguage, type LanguageMention, type Mention } from './mentions.js';
import type { IntentName } from './types.js';

export interface IntentScore {
  intent: IntentName;
  score: number;
}

export interface CueAnalysis {
  /** Best first; ties broken by PRIORITY. */
  ranked: IntentScore[];
  /** The language a conversion goes to, when the request is one. */
  target: LanguageMention | undefined;
  /** Languages said as the one to write in (or the one the code is in), in order, without the target. */
  writing: LanguageMention[];
  /** The head noun's kind after a creation verb, which picks an identifier's case. */
  headKind: 'function' | 'type' | 'component' | undefined;
}

/** When two intents score the same, the more specific one wins: acting on code beats writing new code. */
const PRIORITY: readonly IntentName[] = [
  'convert_language', 'fix_error', 'add_types', 'document', 'refactor', 'explain', 'generate_test',
  'generate_regex', 'generate_sql', 'generate_shell', 'generate_class', 'generate_function', 'generic',
];

const CREATION_VERBS = new Set(['write', 'create', 'make', 'generate', 'build', 'implement', 'define', 'add', 'code', 'draft', 'produce', 'need', 'want', 'give', 'show', 'declare', 'scaffold']);
const CONVERT_VERBS = new Set(['convert', 'translate', 'port', 'rewrite', 'turn', 'transform', 'migrate', 'change', 'redo', 'do']);
const DEICTIC = new Set(['this', 'that', 'it', 'these', 'those', 'copied', 'selected', 'clipboard', 'above', 'same']);
const CODE_NOUNS = new Set(['code', 'function', 'class', 'script', 'snippet', 'method', 'file', 'query', 'program', 'module', 'component']);
const NON_CODE_NOUNS = new Set(['idea', 'ideas', 'advice', 'suggestion', 'suggestions', 'tips', 'joke', 'summary', 'overview', 'opinion', 'recommendation', 'recommendations']);

/** Head nouns: one or two tokens -> the intent they ask for. */
const ARTIFACTS: ReadonlyMap<string, IntentName> = new Map<string, IntentName>([
  ...['test', 'tests', 'spec', 'specs', 'testcase', 'testcases', 'unittest', 'unittests'].map((w) => [w, 'generate_test'] as const),
  ...['regex', 'regexes', 'regexp', 'regexps', 'rejex', 'regular expression', 'regular expressions', 'reg ex', 'reg x', 'rej ex'].map((w) => [w, 'generate_regex'] as const),
  ...['query', 'queries', 'stored procedure', 'procedure', 'migration', 'migrations'].map((w) => [w, 'generate_sql'] as const),
  ...['script', 'scripts', 'command', 'commands', 'one liner', 'oneliner', 'cron job', 'cronjob', 'crontab', 'alias'].map((w) => [w, 'generate_shell'] as const),
  ...['class', 'classes', 'struct', 'structs', 'interface', 'interfaces', 'enum', 'enums', 'record', 'model', 'models', 'entity', 'dataclass', 'data class', 'object'].map((w) => [w, 'generate_class'] as const),
  ...['function', 'functions', 'method', 'methods', 'func', 'helper', 'hook', 'component', 'components', 'middleware', 'endpoint', 'route', 'handler', 'lambda',
    'closure', 'callback', 'utility', 'util', 'decorator', 'algorithm', 'program', 'view', 'controller', 'resolver', 'reducer', 'server', 'cli', 'generator', 'iterator', 'api', 'app', 'routine']
    .map((w) => [w, 'generate_function'] as const),
]);
const TYPE_NOUNS = new Set(['class', 'classes', 'struct', 'structs', 'interface', 'interfaces', 'enum', 'enums', 'record', 'model', 'models', 'entity', 'dataclass', 'object']);
const TYPE_QUALIFIERS = new Set(['hints', 'hint', 'annotations', 'annotation', 'safe', 'safety', 'checking', 'error', 'errors', 'signature', 'signatures', 'of']);
const SHELL_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['bash', 'powershell']);

type Cue = readonly [IntentName, RegExp, number];
const D = '(?:this|that|it|these|those|my|the|our)';

/** Action cues, matched against ' ' + tokens.join(' ') + ' '. */
const CUES: readonly Cue[] = [
  ['explain', / explain /, 0.92],
  ['explain', / what (?:does|do|is|are) (?:this|that|it|these|the)(?: \w+){0,2} (?:do|doing|does|mean) /, 0.9],
  ['explain', / what is this /, 0.85],
  ['explain', / how (?:does|do|did) (?:this|that|it|these|the)(?: \w+){0,3} work /, 0.9],
  ['explain', / (?:walk me through|help me understand|describe what|tell me what (?:this|that|it|the)|break (?:down (?:this|that|the)|(?:this|that|it) down)) /, 0.9],
  ['explain', / what's (?:going on|happening) | why does (?:this|that|it|the)(?: \w+){0,2} (?:use|need|have|return|work)/, 0.85],
  ['refactor', / (?:refactor|refactoring) /, 0.92],
  // Verbs that also describe what new code does ("a function to simplify fractions") count only with an existing object.
  ['refactor', new RegExp(` (?:simplify|restructure|modernise|modernize|tidy|deduplicate|reorganise|reorganize|optimi[sz]e|speed up|clean up|rename|extract|split|improve) ${D} `), 0.92],
  // An imperative at the start acts on what follows: "rename fetchUserById to getUser".
  ['refactor', /^ (?:rename|extract|inline|simplify|optimi[sz]e|split|deduplicate|restructure) /, 0.9],
  ['refactor', / clean (?:this|it|that) up | (?:more (?:readable|idiomatic|efficient|concise|functional|maintainable|modular)|less (?:duplication|nested|verbose)|reduce (?:the )?duplication|use async await|instead of callbacks) /, 0.9],
  ['refactor', / make (?:this|it|that)(?: \w+){0,2} (?:more|less|faster|simpler|cleaner|shorter|pure|readable|efficient|immutable|async|generic|reusable|smaller) /, 0.93],
  ['refactor', / (?:rewrite|convert|turn|change|improve) (?:this|that|it|the|my)\b/, 0.8],
  // Command style ("add parameter max speed"): a parameter or field goes into existing code.
  ['refactor', /^ (?:(?:um|uh|so|now|please|ok|okay|next) )*(?:add|insert) (?:an? |new |another )?(?:parameter|param|argument|arg|field|property) /, 0.92],
  ['fix_error', /(?<! to| that| which| will) (?:fix|repair|debug) /, 0.92],
  ['fix_error', / (?:what's wrong|whats wrong|what is wrong|doesn't work|does not work|not working|isn't working|is broken|why am i getting|i get an?(?: \w+){0,3} error|i'm getting|it says|segmentation fault|segfault|stack trace|traceback|undefined is not|cannot read propert|null pointer|won't (?:compile|build|run)|doesn't (?:compile|match|build|return))/, 0.9],
  ['fix_error', / (?:error|bug|exception) in (?:this|my|the) | (?:this|it|that|my code|my \w+) (?:throws|crashes|fails|is failing|breaks)/, 0.9],
  ['fix_error', / (?:error|errors|bug|exception|crash|crashes|crashing|failing|fails|failed|throws|throwing|broken) /, 0.75],
  ['add_types', / (?:add (?:\w+ )?types|type (?:annotations|hints|signatures|definitions)|type safe|typesafe|strongly type|strong typing|add typing|add generics|proper types|any types|typings|types to) | type (?:this|it|these) /, 0.94],
  ['add_types', / add (?:an )?interface for the props | (?:annotate|add) (?:\w+ )?(?:return|parameter|param) types /, 0.94],
  ['document', / (?:document (?:this|that|it|the|these|my|all|every)|documentation|docstrings?|doc strings?|doc comments?|jsdoc|javadoc|tsdoc|rustdoc|xml doc|readme|annotate|docs for) /, 0.93],
  ['document', / (?:add (?:\w+ )?comments|comment (?:this|it|that|the|my|every)|(?:inline|code|explanatory) comments) /, 0.92],
  ['generate_test', / test (?:this|it|that|the|my) | tests? for (?:this|that|it) /, 0.85],
  ['generate_regex', / (?:pattern|expression) (?:that|which|to) match| matches? (?:an? )?(?:email|url|phone|ip|date)/, 0.8],
  ['generate_sql', /^ select .* (?:from|where) | (?:create|drop|alter) (?:a |the )?table /, 0.85],
  ['generate_sql', / (?:index|indexes|column|columns|rows|table|tables|primary key|foreign key|database) /, 0.6],
  ['generate_shell', / (?:git|docker|kubectl|chmod|chown|grep|ssh|scp|rsync|tar|cron|crontab|symlink|systemctl|brew|apt|sudo) | kill (?:the )?process| disk (?:usage|space)| (?:listening on|free up) port | listening ports? | port \d+ | which process | (?:linux|macos|terminal|command line) /, 0.6],
  ['generic', /^ (?:hello|hi|hey|thanks|thank you|cancel|stop|never mind|nevermind|ok|okay|good (?:morning|evening|night)|bye) $| tell me a joke | what time | open (?:the )?settings /, 0.8],
  // "what is a closure": a definition, not a request for one.
  ['generic', /^ (?:what is|what's|whats|what are) (?:an? )?\w+ $/, 0.75],
  ['generic', /^ (?:what|what's|whats|why|how|who|when|where|which|is|are|should|compare|difference) /, 0.5],
];

/**
 * Every intent's score for the tokens: the best cue per intent, the head noun after a creation
 * verb, conversions to a named language, and languages that imply an intent (SQL, shell).
 */
export function analyseIntent(tokens: readonly string[], mentions: readonly Mention[], identifierTokens: ReadonlySet<string>): CueAnalysis {
  const joined = ` ${tokens.join(' ')} `;
  const scores = new Map<IntentName, number>();
  const bump = (intent: IntentName, score: number): void => {
    if (score > (scores.get(intent) ?? 0)) scores.set(intent, score);
  };
  for (const [intent, re, score] of CUES) if (re.test(joined)) bump(intent, score);

  const languages = mentions.filter((m): m is LanguageMention => m.kind === 'language');
  const target = findConversion(tokens, languages, identifierTokens, joined);
  if (target) bump('convert_language', target.score);
  const writing = languages.filter((m) => m !== target?.mention && isWritingLanguage(tokens, m));
  const lang = writing[0]?.id;

  const head = findHeadNoun(tokens, mentions, lang);
  if (head) bump(head.intent, head.score);
  else if (lang === 'sql') bump('generate_sql', 0.6);
  else if (lang && SHELL_LANGUAGES.has(lang)) bump('generate_shell', 0.6);

  const ranked = [...scores].map(([intent, score]) => ({ intent, score }));
  ranked.sort((a, b) => b.score - a.score || PRIORITY.indexOf(a.intent) - PRIORITY.indexOf(b.intent));
  return { ranked, target: target?.mention, writing, headKind: head?.kind };
}

interface Head {
  intent: IntentName;
  score: number;
  kind: CueAnalysis['headKind'];
}

function findHeadNoun(tokens: readonly string[], mentions: readonly Mention[], lang: LanguageId | undefined): Head | undefined {
  const verbAt = tokens.findIndex((t, i) => CREATION_VERBS.has(t) && !(t === 'give' && tokens[i + 1] !== 'me') && !(t === 'show' && tokens[i + 1] !== 'me'));
  const inMention = (i: number): boolean => mentions.some((m) => i >= m.start && i < m.end);
  for (let i = verbAt < 0 ? 0 : verbAt + 1; i < tokens.length; i++) {
    const one = tokens[i] as string;
    if (verbAt >= 0 && NON_CODE_NOUNS.has(one)) return { intent: 'generic', score: 0.6, kind: undefined };
    const two = `${one} ${tokens[i + 1] ?? ''}`;
    let intent = ARTIFACTS.get(two) ?? (inMention(i) ? undefined : ARTIFACTS.get(one));
    const noun = ARTIFACTS.has(two) ? two : one;
    if (!intent) {
      // "create a table", "an sql statement": SQL only with a creation verb or SQL named.
      if (one === 'table' && verbAt >= 0 && (tokens[verbAt] === 'create' || tokens[verbAt] === 'make' || tokens[verbAt] === 'define' || tokens[verbAt] === 'add')) intent = 'generate_sql';
      else if (one === 'statement' && lang === 'sql') intent = 'generate_sql';
      // "a type for an api response": a type definition, unlike "type hints" or "type safe".
      else if ((one === 'type' || one === 'types') && (tokens[i - 1] === 'a' || tokens[i - 1] === 'an' || inMention(i - 1)) && !TYPE_QUALIFIERS.has(tokens[i + 1] ?? '')) intent = 'generate_class';
      else continue;
    }
    // A function in SQL or a shell is a query or a script; a Python "script" is a program.
    if ((intent === 'generate_function' || intent === 'generate_class') && lang === 'sql') intent = 'generate_sql';
    if ((intent === 'generate_function' || intent === 'generate_class') && lang && SHELL_LANGUAGES.has(lang)) intent = 'generate_shell';
    if (intent === 'generate_shell' && noun.startsWith('script') && lang && !SHELL_LANGUAGES.has(lang)) intent = 'generate_function';
    const kind = TYPE_NOUNS.has(noun) || noun === 'data class' || intent === 'generate_class' ? 'type' : noun.startsWith('component') ? 'component' : 'function';
    return { intent, score: verbAt >= 0 ? 0.9 : 0.7, kind };
  }
  if (verbAt < 0) return undefined;
  // "implement quicksort", "write a debounce": writing code, but no noun says what kind.
  const intent = lang === 'sql' ? 'generate_sql' : lang && SHELL_LANGUAGES.has(lang) ? 'generate_shell' : 'generate_function';
  return { intent, score: tokens[verbAt] === 'implement' ? 0.7 : 0.55, kind: 'function' };
}

function findConversion(
  tokens: readonly string[], languages: readonly LanguageMention[], identifierTokens: ReadonlySet<string>, joined: string,
): { mention: LanguageMention; score: number } | undefined {
  let found: { mention: LanguageMention; score: number } | undefined;
  for (const m of languages) {
    const prev = tokens[m.start - 1];
    const next = tokens[m.end];
    if (next === 'version' && tokens[m.end + 1] === 'of') found = { mention: m, score: 0.9 };
    else if (next === 'instead' && (prev === 'in' || prev === 'to')) found = { mention: m, score: 0.9 };
    else if ((prev === 'to' || prev === 'into' || prev === 'in') && convertsSomething(tokens, m.start - 1, identifierTokens)) found = { mention: m, score: 0.95 };
    else if (prev === 'in' && / how (?:would|does|do) (?:this|that|it) look in /.test(joined)) found = { mention: m, score: 0.9 };
  }
  return found;
}

/** A conversion verb before `end` with something existing as its object ("port this function", "convert fetchUserById"). */
function convertsSomething(tokens: readonly string[], end: number, identifierTokens: ReadonlySet<string>): boolean {
  for (let v = 0; v < end; v++) {
    if (!CONVERT_VERBS.has(tokens[v] as string)) continue;
    for (let k = v + 1; k < end && k <= v + 6; k++) {
      const t = tokens[k] as string;
      if (DEICTIC.has(t) || identifierTokens.has(t) || (t === 'the' && CODE_NOUNS.has(tokens[k + 1] ?? ''))) return true;
    }
  }
  return false;
}
