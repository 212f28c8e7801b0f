// The simulator's languages: how each is fenced, commented and named, and an honest placeholder in valid syntax for requests no recipe fits.

export interface LanguageProfile {
  fence: string;
  /** Line comment prefix; null where the language has none (JSON). */
  comment: string | null;
  /** How the language names a function: camel (fetchUser), snake (fetch_user) or pascal (FetchUser). */
  naming: 'camel' | 'snake' | 'pascal';
  /** Valid code that does nothing but say the simulator has no recipe for the request. */
  placeholder: (name: string, request: string) => string[];
}

const NOTE = 'not implemented: simulated Gemini has no recipe for';

export const LANGUAGE_PROFILES: Readonly<Record<string, LanguageProfile>> = {
  typescript: {
    fence: 'typescript', comment: '//', naming: 'camel',
    placeholder: (n, r) => [`export function ${n}(): never {`, `  throw new Error('${NOTE} "${r}"');`, '}'],
  },
  javascript: {
    fence: 'javascript', comment: '//', naming: 'camel',
    placeholder: (n, r) => [`export function ${n}() {`, `  throw new Error('${NOTE} "${r}"');`, '}'],
  },
  python: {
    fence: 'python', comment: '#', naming: 'snake',
    placeholder: (n, r) => [`def ${n}() -> None:`, `    raise NotImplementedError('${NOTE} "${r}"')`],
  },
  go: {
    fence: 'go', comment: '//', naming: 'pascal',
    placeholder: (n, r) => ['package main', '', 'import "errors"', '', `func ${n}() error {`, `\treturn errors.New("${NOTE} '${r}'")`, '}'],
  },
  rust: {
    fence: 'rust', comment: '//', naming: 'snake',
    placeholder: (n, r) => [`pub fn ${n}() -> Result<(), String> {`, `    Err("${NOTE} '${r}'".to_string())`, '}'],
  },
  java: {
    fence: 'java', comment: '//', naming: 'camel',
    placeholder: (n, r) => [
      `public final class ${pascal(n)} {`, `    private ${pascal(n)}() {}`, '',
      `    public static void ${n}() {`, `        throw new UnsupportedOperationException("${NOTE} '${r}'");`, '    }', '}',
    ],
  },
  kotlin: {
    fence: 'kotlin', comment: '//', naming: 'camel',
    placeholder: (n, r) => [`fun ${n}(): Nothing = throw NotImplementedError("${NOTE} '${r}'")`],
  },
  csharp: {
    fence: 'csharp', comment: '//', naming: 'pascal',
    placeholder: (n, r) => [
      'using System;', '', `public static class ${n}Placeholder`, '{',
      `    public static void ${n}() => throw new NotImplementedException("${NOTE} '${r}'");`, '}',
    ],
  },
  cpp: {
    fence: 'cpp', comment: '//', naming: 'snake',
    placeholder: (n, r) => ['#include <stdexcept>', '', `[[noreturn]] void ${n}() {`, `    throw std::logic_error("${NOTE} '${r}'");`, '}'],
  },
  c: {
    fence: 'c', comment: '//', naming: 'snake',
    placeholder: (n, r) => ['#include <stdio.h>', '#include <stdlib.h>', '', `void ${n}(void) {`, `    fputs("${NOTE} '${r}'\\n", stderr);`, '    abort();', '}'],
  },
  sql: {
    fence: 'sql', comment: '--', naming: 'snake',
    placeholder: (_n, r) => [`SELECT '${NOTE} "${r}"' AS placeholder;`],
  },
  bash: {
    fence: 'bash', comment: '#', naming: 'snake',
    placeholder: (_n, r) => ['#!/usr/bin/env bash', 'set -euo pipefail', '', `echo "${NOTE} '${r}'" >&2`, 'exit 1'],
  },
  powershell: {
    fence: 'powershell', comment: '#', naming: 'pascal',
    placeholder: (_n, r) => [`throw "${NOTE} '${r}'"`],
  },
  ruby: {
    fence: 'ruby', comment: '#', naming: 'snake',
    placeholder: (n, r) => [`def ${n}`, `  raise NotImplementedError, "${NOTE} '${r}'"`, 'end'],
  },
  php: {
    fence: 'php', comment: '//', naming: 'camel',
    placeholder: (n, r) => ['<?php', '', `function ${n}(): void`, '{', `    throw new RuntimeException("${NOTE} '${r}'");`, '}'],
  },
  swift: {
    fence: 'swift', comment: '//', naming: 'camel',
    placeholder: (n, r) => [`func ${n}() -> Never {`, `    fatalError("${NOTE} '${r}'")`, '}'],
  },
  scala: {
    fence: 'scala', comment: '//', naming: 'camel',
    placeholder: (n, r) => [`object ${pascal(n)} {`, `  def ${n}(): Nothing = throw new NotImplementedError("${NOTE} '${r}'")`, '}'],
  },
  html: {
    fence: 'html', comment: null, naming: 'camel',
    placeholder: (_n, r) => [`<!-- ${NOTE} "${r}" -->`, `<p>Not implemented: simulated Gemini has no recipe for this request.</p>`],
  },
  css: {
    fence: 'css', comment: null, naming: 'camel',
    placeholder: (n, r) => [`/* ${NOTE} "${r}" */`, `.${n} {`, '  outline: 2px dashed red;', '}'],
  },
  json: {
    fence: 'json', comment: null, naming: 'camel',
    placeholder: (_n, r) => ['{', `  "placeholder": "${NOTE}",`, `  "request": "${r}"`, '}'],
  },
  yaml: {
    fence: 'yaml', comment: '#', naming: 'snake',
    placeholder: (_n, r) => [`placeholder: ${NOTE}`, `request: "${r}"`],
  },
};

/** Display names and spoken aliases the prompt may use, to language ids (the fence tag wins over these). */
export const LANGUAGE_ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\btype ?script\b|\bts\b/i, 'typescript'],
  [/\bjava ?script\b|\bjs\b|\bnode\b/i, 'javascript'],
  [/\bpython\b|\bpy\b/i, 'python'],
  [/\bgolang\b|\bin go\b|\bgo\b(?= code| function)/i, 'go'],
  [/\brust\b/i, 'rust'],
  [/\bkotlin\b/i, 'kotlin'],
  [/\bjava\b/i, 'java'],
  [/\bc#|\bc sharp\b/i, 'csharp'],
  [/\bc\+\+|\bc plus plus\b/i, 'cpp'],
  [/\bbash\b|\bshell\b|\bzsh\b/i, 'bash'],
  [/\bpower ?shell\b/i, 'powershell'],
  [/\bsql\b|\bpostgres\b|\bmysql\b|\bsqlite\b/i, 'sql'],
  [/\bruby\b/i, 'ruby'],
  [/\bphp\b/i, 'php'],
  [/\bswift\b/i, 'swift'],
  [/\bscala\b/i, 'scala'],
];

/** Request text made safe inside any language's string literal and comment: no quotes, backslashes or comment ends. */
export function literalSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9 .,:;?!()+#-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** camelCase words ("fetch", "user") in the language's naming convention. */
export function nameIn(profile: LanguageProfile, words: readonly string[]): string {
  const camel = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('').replace(/^[0-9]/, 'n$&');
  if (profile.naming === 'snake') return words.join('_').replace(/^[0-9]/, 'n$&');
  if (profile.naming === 'pascal') return pascal(camel);
  return camel;
}
