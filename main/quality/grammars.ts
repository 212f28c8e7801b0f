// Which tree-sitter grammar (a prebuilt .wasm from an npm package) checks which language of the app's list.
import type { LanguageId } from '../config/schema.js';

export interface GrammarSource {
  /** The npm package that ships the prebuilt grammar (nothing is compiled or downloaded at install). */
  pkg: '@cursorless/tree-sitter-wasms' | '@vscode/tree-sitter-wasm';
  /** Path of the .wasm inside the package. */
  path: string;
  /** File name in the built grammar folder (dist/workers/grammars). */
  file: string;
}

const cursorless = (name: string): GrammarSource => ({ pkg: '@cursorless/tree-sitter-wasms', path: `out/tree-sitter-${name}.wasm`, file: `tree-sitter-${name}.wasm` });

/**
 * Languages with a grammar. @cursorless/tree-sitter-wasms is built with tree-sitter-cli 0.24 (ABI 13/14, the
 * "dylink.0" section web-tree-sitter 0.25+ reads; tree-sitter-wasms 0.1.x is not loadable by it); PowerShell
 * comes from VS Code's package. SQL has no grammar in either: SQL answers are "not checked".
 */
export const GRAMMARS: Partial<Record<LanguageId, GrammarSource>> = {
  typescript: cursorless('typescript'),
  javascript: cursorless('javascript'),
  python: cursorless('python'),
  go: cursorless('go'),
  rust: cursorless('rust'),
  java: cursorless('java'),
  kotlin: cursorless('kotlin'),
  csharp: cursorless('c_sharp'),
  cpp: cursorless('cpp'),
  c: cursorless('c'),
  bash: cursorless('bash'),
  powershell: { pkg: '@vscode/tree-sitter-wasm', path: 'wasm/tree-sitter-powershell.wasm', file: 'tree-sitter-powershell.wasm' },
  ruby: cursorless('ruby'),
  php: cursorless('php'),
  swift: cursorless('swift'),
  scala: cursorless('scala'),
  html: cursorless('html'),
  css: cursorless('css'),
  json: cursorless('json'),
  yaml: cursorless('yaml'),
};

/** The runtime's own wasm, copied beside the grammars so the built worker finds everything in one folder. */
export const RUNTIME_WASM = { pkg: 'web-tree-sitter', path: 'web-tree-sitter.wasm', file: 'web-tree-sitter.wasm' } as const;

/**
 * Languages an answer may be in instead of the one asked, tried in this order. Grammars that accept almost any
 * text (bash: words are commands; php: text outside <?php; html, yaml, css, json, powershell) would call every
 * broken answer "another language", so they are never candidates.
 */
export const WRONG_LANGUAGE_CANDIDATES: readonly LanguageId[] = [
  'typescript', 'javascript', 'python', 'java', 'go', 'rust', 'csharp', 'cpp', 'c', 'kotlin', 'swift', 'scala', 'ruby',
];

export function hasGrammar(language: string): language is LanguageId {
  return Object.prototype.hasOwnProperty.call(GRAMMARS, language);
}
