// Spoken and written names of programming languages and frameworks, mapped to canonical lowercase ids.
import { LANGUAGE_IDS, type LanguageId } from '../config/schema.js';

/** How people write a language's name in prose and in code fences. */
export const LANGUAGE_NAMES: Readonly<Record<LanguageId, string>> = {
  typescript: 'TypeScript', javascript: 'JavaScript', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java',
  kotlin: 'Kotlin', csharp: 'C#', cpp: 'C++', c: 'C', sql: 'SQL', bash: 'Bash', powershell: 'PowerShell',
  ruby: 'Ruby', php: 'PHP', swift: 'Swift', scala: 'Scala', html: 'HTML', css: 'CSS', json: 'JSON', yaml: 'YAML',
};

/**
 * Spoken phrases (as lowercase tokens, see tokenise in mentions.ts) for each language. Ambiguous
 * words (go, c, node, swift, json's "jason") are accepted only in a language context: see mentions.ts.
 */
export const LANGUAGE_PHRASES: ReadonlyArray<readonly [LanguageId, string]> = [
  ['typescript', 'typescript'], ['typescript', 'type script'], ['typescript', 'ts'], ['typescript', 'tsx'],
  ['javascript', 'javascript'], ['javascript', 'java script'], ['javascript', 'js'], ['javascript', 'jsx'],
  ['javascript', 'nodejs'], ['javascript', 'node js'], ['javascript', 'node'], ['javascript', 'ecmascript'],
  ['python', 'python'], ['python', 'python3'], ['python', 'py'],
  ['go', 'golang'], ['go', 'go lang'], ['go', 'go'],
  ['rust', 'rust'], ['rust', 'rustlang'],
  ['java', 'java'], ['kotlin', 'kotlin'], ['scala', 'scala'], ['ruby', 'ruby'], ['php', 'php'], ['php', 'p h p'], ['swift', 'swift'],
  ['csharp', 'csharp'], ['csharp', 'c sharp'], ['csharp', 'see sharp'], ['csharp', 'dotnet'],
  ['cpp', 'cpp'], ['cpp', 'c plus plus'], ['cpp', 'see plus plus'], ['cpp', 'cplusplus'],
  ['c', 'c'],
  ['sql', 'sql'], ['sql', 'sequel'], ['sql', 's q l'], ['sql', 'postgres'], ['sql', 'postgresql'], ['sql', 'mysql'],
  ['sql', 'sqlite'], ['sql', 'tsql'], ['sql', 't sql'], ['sql', 'plsql'],
  ['bash', 'bash'], ['bash', 'shell'], ['bash', 'sh'], ['bash', 'zsh'], ['bash', 'unix shell'],
  ['powershell', 'powershell'], ['powershell', 'power shell'], ['powershell', 'pwsh'], ['powershell', 'ps1'],
  ['html', 'html'], ['css', 'css'], ['css', 'scss'], ['json', 'json'], ['json', 'jason'], ['yaml', 'yaml'], ['yaml', 'yml'],
];

/** Words that are a language only in a language context ("in go", "a c function"), never in "go through" or "plan c". */
export const CONTEXTUAL_LANGUAGE_WORDS: ReadonlySet<string> = new Set(['go', 'c', 'node', 'swift', 'jason', 'sh']);
/** Data formats: usually the object of the request ("parses json"), the language to write in only when said so. */
export const DATA_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>(['json', 'yaml', 'html', 'css']);

export type FrameworkKind = 'test' | 'library' | 'hint';

export interface FrameworkInfo {
  id: string;
  /** Languages the framework is used from; the first is the one assumed when the default language is not among them. */
  languages: readonly LanguageId[];
  /** 'hint' entries (doc tools, package managers) imply a language but are not a framework slot. */
  kind: FrameworkKind;
}

const JS: readonly LanguageId[] = ['typescript', 'javascript'];
const PY: readonly LanguageId[] = ['python'];
const JVM: readonly LanguageId[] = ['java', 'kotlin'];

const fw = (id: string, languages: readonly LanguageId[], kind: FrameworkKind, ...phrases: string[]): Array<readonly [string, FrameworkInfo]> =>
  (phrases.length > 0 ? phrases : [id]).map((p) => [p, { id, languages, kind }] as const);

/** Spoken phrase -> framework. */
export const FRAMEWORK_PHRASES: ReadonlyArray<readonly [string, FrameworkInfo]> = [
  ...fw('react', JS, 'library', 'react', 'reactjs', 'react js'), ...fw('react-native', JS, 'library', 'react native'),
  ...fw('vue', JS, 'library', 'vue', 'vuejs', 'vue js', 'view js'), ...fw('angular', JS, 'library'), ...fw('svelte', JS, 'library'),
  ...fw('nextjs', JS, 'library', 'nextjs', 'next js'), ...fw('nuxt', JS, 'library'), ...fw('express', JS, 'library', 'express', 'expressjs', 'express js'),
  ...fw('fastify', JS, 'library'), ...fw('nestjs', JS, 'library', 'nestjs', 'nest js'), ...fw('koa', JS, 'library'),
  ...fw('jquery', JS, 'library', 'jquery', 'j query'), ...fw('redux', JS, 'library'), ...fw('prisma', JS, 'library'),
  ...fw('sequelize', JS, 'library'), ...fw('typeorm', JS, 'library', 'typeorm', 'type orm'), ...fw('tailwind', JS, 'library', 'tailwind', 'tailwind css'),
  ...fw('jest', JS, 'test'), ...fw('vitest', JS, 'test', 'vitest', 'vi test', 'vee test'), ...fw('mocha', JS, 'test'), ...fw('jasmine', JS, 'test'),
  ...fw('cypress', JS, 'test'), ...fw('playwright', JS, 'test', 'playwright', 'play wright'), ...fw('fast-check', JS, 'test', 'fast check', 'fastcheck'),
  ...fw('django', PY, 'library'), ...fw('flask', PY, 'library'), ...fw('fastapi', PY, 'library', 'fastapi', 'fast api'),
  ...fw('sqlalchemy', PY, 'library', 'sqlalchemy', 'sql alchemy'), ...fw('pandas', PY, 'library'), ...fw('numpy', PY, 'library', 'numpy', 'num py'),
  ...fw('pytorch', PY, 'library', 'pytorch', 'py torch'), ...fw('tensorflow', PY, 'library', 'tensorflow', 'tensor flow'),
  ...fw('pytest', PY, 'test', 'pytest', 'py test'), ...fw('unittest', PY, 'test', 'unittest'), ...fw('hypothesis', PY, 'test'),
  ...fw('spring', JVM, 'library', 'spring', 'spring boot', 'springboot'), ...fw('ktor', ['kotlin'], 'library'),
  ...fw('junit', JVM, 'test', 'junit', 'j unit'), ...fw('testng', JVM, 'test', 'testng', 'test ng'), ...fw('mockito', JVM, 'test'),
  ...fw('rails', ['ruby'], 'library', 'rails', 'ruby on rails'), ...fw('rspec', ['ruby'], 'test', 'rspec', 'r spec'), ...fw('minitest', ['ruby'], 'test'),
  ...fw('laravel', ['php'], 'library'), ...fw('symfony', ['php'], 'library'), ...fw('phpunit', ['php'], 'test', 'phpunit', 'php unit'),
  ...fw('aspnet', ['csharp'], 'library', 'aspnet', 'asp net', 'asp dotnet'), ...fw('xunit', ['csharp'], 'test', 'xunit', 'x unit'),
  ...fw('nunit', ['csharp'], 'test', 'nunit', 'n unit'), ...fw('swiftui', ['swift'], 'library', 'swiftui', 'swift ui'), ...fw('xctest', ['swift'], 'test'),
  ...fw('gin', ['go'], 'library'), ...fw('axum', ['rust'], 'library'), ...fw('actix', ['rust'], 'library'), ...fw('tokio', ['rust'], 'library'),
  ...fw('jsdoc', JS, 'hint', 'jsdoc', 'js doc'), ...fw('tsdoc', ['typescript'], 'hint', 'tsdoc', 'ts doc'), ...fw('javadoc', ['java'], 'hint', 'javadoc', 'java doc'),
  ...fw('docstring', PY, 'hint', 'docstring', 'docstrings', 'doc string', 'doc strings'), ...fw('rustdoc', ['rust'], 'hint'),
  ...fw('npm', JS, 'hint'), ...fw('pip', PY, 'hint'), ...fw('cargo', ['rust'], 'hint'), ...fw('mypy', PY, 'hint', 'mypy', 'my py'),
];

/** Code-fence tags and file extensions people use, mapped to ids (extract-code and settings use it). */
const TAG_ALIASES: Readonly<Record<string, LanguageId>> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript', nodejs: 'javascript',
  py: 'python', python3: 'python', py3: 'python', golang: 'go', rs: 'rust', kt: 'kotlin', kts: 'kotlin',
  cs: 'csharp', 'c#': 'csharp', 'c-sharp': 'csharp', dotnet: 'csharp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', h: 'c',
  sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', shellsession: 'bash', ps1: 'powershell', pwsh: 'powershell', ps: 'powershell',
  rb: 'ruby', sc: 'scala', yml: 'yaml', htm: 'html', scss: 'css', postgres: 'sql', postgresql: 'sql', mysql: 'sql', sqlite: 'sql', plsql: 'sql', tsql: 'sql',
};

const LANGUAGE_SET: ReadonlySet<string> = new Set(LANGUAGE_IDS);

/** A language id from an id, a fence tag or an alias ("ts", "c++", "golang"); undefined when unknown. */
/** How functions and variables are named, where a language has one dominant convention (camelCase or snake_case). */
const SNAKE_CASE_LANGUAGES: ReadonlySet<string> = new Set(['python', 'ruby', 'rust', 'c', 'cpp', 'bash', 'sql']);
const CAMEL_CASE_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'javascript', 'java', 'kotlin', 'swift', 'scala', 'go']);

export function namingConvention(language: string): 'camel' | 'snake' | undefined {
  if (SNAKE_CASE_LANGUAGES.has(language)) return 'snake';
  if (CAMEL_CASE_LANGUAGES.has(language)) return 'camel';
  return undefined;
}

export function canonicalLanguage(value: string | undefined): LanguageId | undefined {
  if (!value) return undefined;
  const key = value.trim().toLowerCase();
  if (LANGUAGE_SET.has(key)) return key as LanguageId;
  return alias(key) ?? alias(key.replace(/\s+/g, ''));
}

/** Own keys only: "constructor" or "__proto__" (a typed language, a fence tag) must not find Object's prototype. */
function alias(key: string): LanguageId | undefined {
  return Object.hasOwn(TAG_ALIASES, key) ? TAG_ALIASES[key] : undefined;
}
