// Request-shaped bodies for the simulator's code answer, per language, so the demo answers what was asked in the language asked.

type Body = (name: string) => string[];

interface Recipe {
  match: RegExp;
  /** The function's name when the request names none, as words. */
  words: string[];
  bodies: Partial<Record<string, Body>>;
}

const debounceTs = (typed: boolean): Body => (n) => [
  typed
    ? `export function ${n}<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): ((...args: A) => void) & { cancel(): void } {`
    : `export function ${n}(fn, waitMs) {`,
  `  let timer${typed ? ': ReturnType<typeof setTimeout> | undefined' : ''};`,
  `  const debounced = (...args${typed ? ': A' : ''}) => {`,
  '    // Each call restarts the wait; fn runs once the calls stop for waitMs.',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), waitMs);',
  '  };',
  '  return Object.assign(debounced, { cancel: () => clearTimeout(timer) });',
  '}',
];

const primeTs = (typed: boolean): Body => (n) => [
  `export function ${n}(n${typed ? ': number' : ''})${typed ? ': boolean' : ''} {`,
  '  if (!Number.isInteger(n) || n < 2) return false;',
  '  if (n % 2 === 0) return n === 2;',
  '  // Odd divisors up to the square root are enough.',
  '  for (let d = 3; d * d <= n; d += 2) {',
  '    if (n % d === 0) return false;',
  '  }',
  '  return true;',
  '}',
];

const reverseTs = (typed: boolean): Body => (n) => [
  `export function ${n}(text${typed ? ': string' : ''})${typed ? ': string' : ''} {`,
  '  // Array.from splits by code point, so emoji and other surrogate pairs survive.',
  "  return Array.from(text).reverse().join('');",
  '}',
];

const addTs = (typed: boolean): Body => (n) => [
  `export function ${n}(a${typed ? ': number' : ''}, b${typed ? ': number' : ''})${typed ? ': number' : ''} {`,
  '  if (!Number.isFinite(a) || !Number.isFinite(b)) {',
  `    throw new RangeError('${n}: both arguments must be finite numbers');`,
  '  }',
  '  return a + b;',
  '}',
];

const countLinesNode = (typed: boolean): Body => (n) => [
  "import { readdir, readFile } from 'node:fs/promises';",
  "import { join } from 'node:path';",
  '',
  '// Lines per file under dir, recursively (symbolic links are not followed).',
  `export async function ${n}(dir${typed ? ': string' : ''})${typed ? ': Promise<Map<string, number>>' : ''} {`,
  '  const counts = new Map();',
  '  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {',
  '    if (!entry.isFile()) continue;',
  '    const path = join(entry.parentPath, entry.name);',
  "    const text = await readFile(path, 'utf8');",
  "    counts.set(path, text === '' ? 0 : text.split('\\n').length - (text.endsWith('\\n') ? 1 : 0));",
  '  }',
  '  return counts;',
  '}',
];

const sortTs = (typed: boolean): Body => (n) => [
  `export function ${n}${typed ? '<T>' : ''}(items${typed ? ': readonly T[]' : ''}, key${typed ? ': (item: T) => number | string' : ''})${typed ? ': T[]' : ''} {`,
  '  // Copy first: sorting in place would surprise callers that keep the original.',
  '  return [...items].sort((a, b) => {',
  '    const ka = key(a);',
  '    const kb = key(b);',
  '    return ka < kb ? -1 : ka > kb ? 1 : 0;',
  '  });',
  '}',
];

const fetchTs = (typed: boolean): Body => (n) => [
  `export async function ${n}(url${typed ? ': string' : ''}, signal${typed ? '?: AbortSignal' : ''})${typed ? ': Promise<unknown>' : ''} {`,
  '  const response = await fetch(url, { signal });',
  '  if (!response.ok) {',
  `    throw new Error(\`${n}: HTTP \${response.status} for \${url}\`);`,
  '  }',
  '  return response.json();',
  '}',
];

const RECIPES: readonly Recipe[] = [
  {
    // The README's own example: it has to look right in the demo.
    match: /\bdebounc/,
    words: ['debounce'],
    bodies: {
      typescript: debounceTs(true),
      javascript: debounceTs(false),
      python: (n) => [
        'import threading', '', '',
        `def ${n}(wait_s: float):`,
        '    """Decorator: the function runs once calls stop for wait_s seconds."""',
        '    def decorate(fn):',
        '        timer = None', '',
        '        def debounced(*args, **kwargs):',
        '            nonlocal timer',
        '            if timer is not None:',
        '                timer.cancel()',
        '            timer = threading.Timer(wait_s, fn, args, kwargs)',
        '            timer.start()',
        '        return debounced',
        '    return decorate',
      ],
    },
  },
  {
    match: /prime/,
    words: ['is', 'prime'],
    bodies: {
      typescript: primeTs(true),
      javascript: primeTs(false),
      python: (n) => [
        `def ${n}(n: int) -> bool:`,
        '    """True when n is a prime number."""',
        '    if n < 2:', '        return False',
        '    if n % 2 == 0:', '        return n == 2',
        '    d = 3',
        '    while d * d <= n:',
        '        if n % d == 0:', '            return False',
        '        d += 2',
        '    return True',
      ],
      go: (n) => [
        'package main', '',
        `// ${n} reports whether n is a prime number.`,
        `func ${n}(n int) bool {`,
        '\tif n < 2 {', '\t\treturn false', '\t}',
        '\tif n%2 == 0 {', '\t\treturn n == 2', '\t}',
        '\t// Odd divisors up to the square root are enough.',
        '\tfor d := 3; d*d <= n; d += 2 {',
        '\t\tif n%d == 0 {', '\t\t\treturn false', '\t\t}',
        '\t}',
        '\treturn true',
        '}',
      ],
      rust: (n) => [
        `pub fn ${n}(n: u64) -> bool {`,
        '    if n < 2 {', '        return false;', '    }',
        '    if n % 2 == 0 {', '        return n == 2;', '    }',
        '    let mut d = 3;',
        '    while d * d <= n {',
        '        if n % d == 0 {', '            return false;', '        }',
        '        d += 2;',
        '    }',
        '    true',
        '}',
      ],
      java: (n) => [
        'public final class Primes {', '    private Primes() {}', '',
        `    public static boolean ${n}(long n) {`,
        '        if (n < 2) return false;',
        '        if (n % 2 == 0) return n == 2;',
        '        for (long d = 3; d * d <= n; d += 2) {',
        '            if (n % d == 0) return false;',
        '        }',
        '        return true;',
        '    }',
        '}',
      ],
      c: (n) => [
        '#include <stdbool.h>', '',
        `bool ${n}(unsigned long n) {`,
        '    if (n < 2) return false;',
        '    if (n % 2 == 0) return n == 2;',
        '    for (unsigned long d = 3; d * d <= n; d += 2) {',
        '        if (n % d == 0) return false;',
        '    }',
        '    return true;',
        '}',
      ],
    },
  },
  {
    match: /\bcount\w*\b.*\blines?\b.*\bfiles?\b|\blines?\b.*\bevery file\b/,
    words: ['count', 'lines'],
    bodies: {
      bash: () => [
        '#!/usr/bin/env bash',
        '# Counts the lines of every file under a directory (default: the current one), largest last.',
        'set -euo pipefail', '',
        'dir="${1:-.}"',
        'find "$dir" -type f -print0 | xargs -0 wc -l | sort -n',
      ],
      powershell: () => [
        'param([string]$Path = ".")', '',
        'Get-ChildItem -Path $Path -File -Recurse -ErrorAction Stop |',
        '    ForEach-Object { [pscustomobject]@{ Lines = (Get-Content -LiteralPath $_.FullName | Measure-Object -Line).Lines; File = $_.FullName } } |',
        '    Sort-Object Lines',
      ],
      python: (n) => [
        'from pathlib import Path', '', '',
        `def ${n}(directory: str = ".") -> dict[str, int]:`,
        '    """Lines per file under directory, recursively."""',
        '    counts: dict[str, int] = {}',
        '    for path in Path(directory).rglob("*"):',
        '        if path.is_file():',
        '            with path.open("rb") as handle:',
        '                counts[str(path)] = sum(1 for _ in handle)',
        '    return counts',
      ],
      typescript: countLinesNode(true),
      javascript: countLinesNode(false),
    },
  },
  {
    match: /\brevers\w*\b.*\bstring|\bstring\b.*\brevers/,
    words: ['reverse', 'string'],
    bodies: {
      typescript: reverseTs(true),
      javascript: reverseTs(false),
      python: (n) => [`def ${n}(text: str) -> str:`, '    """Reverses a string (by code point)."""', '    return text[::-1]'],
      go: (n) => [
        'package main', '',
        `// ${n} reverses s by rune, so multi-byte characters survive.`,
        `func ${n}(s string) string {`,
        '\tr := []rune(s)',
        '\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {',
        '\t\tr[i], r[j] = r[j], r[i]',
        '\t}',
        '\treturn string(r)',
        '}',
      ],
      rust: (n) => [`pub fn ${n}(s: &str) -> String {`, '    s.chars().rev().collect()', '}'],
    },
  },
  {
    match: /\badds? (up )?two numbers\b|\bsum of two numbers\b/,
    words: ['add'],
    bodies: {
      typescript: addTs(true),
      javascript: addTs(false),
      python: (n) => [`def ${n}(a: float, b: float) -> float:`, '    """The sum of a and b."""', '    return a + b'],
      go: (n) => ['package main', '', `// ${n} returns a + b.`, `func ${n}(a, b int) int {`, '\treturn a + b', '}'],
    },
  },
  {
    match: /\bregex\b.*\bemail|\bemail\b.*\bregex|\bregular expression\b.*\bemail/,
    words: ['is', 'email'],
    bodies: {
      typescript: (n) => [
        '// A practical check, not RFC 5322: one @, no spaces, a dot in the domain.',
        '// Accepts: ada@example.com, a.b+tag@mail.co.uk. Rejects: ada@, @example.com, a b@c.d',
        "export const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;",
        '',
        `export function ${n}(text: string): boolean {`,
        '  return EMAIL.test(text);',
        '}',
      ],
      python: (n) => [
        'import re', '',
        '# A practical check, not RFC 5322: one @, no spaces, a dot in the domain.',
        'EMAIL = re.compile(r"^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$")', '', '',
        `def ${n}(text: str) -> bool:`,
        '    return EMAIL.fullmatch(text) is not None',
      ],
    },
  },
  {
    match: /\bnewest users\b|\busers?\b.*\b(newest|latest|most recent)\b/,
    words: ['newest', 'users'],
    bodies: {
      sql: () => ['-- PostgreSQL: the ten most recently created users.', 'SELECT id, name, email, created_at', 'FROM users', 'ORDER BY created_at DESC', 'LIMIT 10;'],
    },
  },
  {
    match: /\bsort(s|ing)?\b/,
    words: ['sort', 'by'],
    bodies: {
      typescript: sortTs(true),
      javascript: sortTs(false),
      python: (n) => [
        'from typing import Callable, Iterable, List, TypeVar', '',
        'T = TypeVar("T")', '', '',
        `def ${n}(items: Iterable[T], key: Callable[[T], object]) -> List[T]:`,
        '    """Returns a new sorted list; the input is left untouched."""',
        '    return sorted(items, key=key)',
      ],
    },
  },
  {
    match: /\bfetch(es|ing)?\b/,
    words: ['fetch', 'json'],
    bodies: {
      typescript: fetchTs(true),
      javascript: fetchTs(false),
      python: (n) => [
        'import json',
        'import urllib.request', '', '',
        `def ${n}(url: str, timeout: float = 10.0) -> object:`,
        '    with urllib.request.urlopen(url, timeout=timeout) as response:',
        '        return json.loads(response.read().decode("utf-8"))',
      ],
    },
  },
];

/** The recipe for a request, or undefined: a request no recipe fits gets the language's honest placeholder. */
export function recipeFor(request: string): Recipe | undefined {
  const text = request.toLowerCase();
  return RECIPES.find((r) => r.match.test(text));
}
