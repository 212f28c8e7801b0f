// A few request-shaped bodies for the default code answer, so the demo's answers look like what was asked.

type Recipe = { match: RegExp; typescript: (name: string, typed: boolean) => string[]; python: (name: string) => string[] };

const RECIPES: Recipe[] = [
  {
    // The README's own example: it has to look right in the demo.
    match: /\bdebounc/,
    typescript: (n, typed) => [
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
    ],
    python: (n) => [
      'import threading',
      '',
      '',
      `def ${n}(wait_s: float):`,
      '    """Decorator: the function runs once calls stop for wait_s seconds."""',
      '    def decorate(fn):',
      '        timer = None',
      '',
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
  {
    match: /\b(sort|order|rank)/,
    typescript: (n, typed) => [
      `export function ${n}${typed ? '<T>' : ''}(items${typed ? ': readonly T[]' : ''}, key${typed ? ': (item: T) => number | string' : ''})${typed ? ': T[]' : ''} {`,
      '  // Copy first: sorting in place would surprise callers that keep the original.',
      '  return [...items].sort((a, b) => {',
      '    const ka = key(a);',
      '    const kb = key(b);',
      '    return ka < kb ? -1 : ka > kb ? 1 : 0;',
      '  });',
      '}',
    ],
    python: (n) => [
      'from typing import Callable, Iterable, List, TypeVar',
      '',
      'T = TypeVar("T")',
      '',
      '',
      `def ${n}(items: Iterable[T], key: Callable[[T], object]) -> List[T]:`,
      '    """Returns a new sorted list; the input is left untouched."""',
      '    return sorted(items, key=key)',
    ],
  },
  {
    match: /\brevers/,
    typescript: (n, typed) => [
      `export function ${n}(text${typed ? ': string' : ''})${typed ? ': string' : ''} {`,
      '  // Array.from splits by code point, so emoji and other surrogate pairs survive.',
      "  return Array.from(text).reverse().join('');",
      '}',
    ],
    python: (n) => [`def ${n}(text: str) -> str:`, '    """Reverses a string (by code point)."""', '    return text[::-1]'],
  },
  {
    match: /\b(fetch|download|http|request|api)\b/,
    typescript: (n, typed) => [
      `export async function ${n}(url${typed ? ': string' : ''}, signal${typed ? '?: AbortSignal' : ''})${typed ? ': Promise<unknown>' : ''} {`,
      '  const response = await fetch(url, { signal });',
      '  if (!response.ok) {',
      `    throw new Error(\`${n}: HTTP \${response.status} for \${url}\`);`,
      '  }',
      '  return response.json();',
      '}',
    ],
    python: (n) => [
      'import json',
      'import urllib.request',
      '',
      '',
      `def ${n}(url: str, timeout: float = 10.0) -> object:`,
      '    with urllib.request.urlopen(url, timeout=timeout) as response:',
      '        return json.loads(response.read().decode("utf-8"))',
    ],
  },
];

/** A body matching the request's verb, or undefined for the generic one. */
export function recipeFor(request: string, lang: string, name: string, snakeName: string): string[] | undefined {
  const recipe = RECIPES.find((r) => r.match.test(request.toLowerCase()));
  if (!recipe) return undefined;
  if (lang === 'typescript' || lang === 'javascript') return recipe.typescript(name, lang === 'typescript');
  if (lang === 'python') return recipe.python(snakeName);
  return undefined;
}
