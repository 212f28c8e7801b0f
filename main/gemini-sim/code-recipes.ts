// A few request-shaped bodies for the default code answer, so the demo's answers look like what was asked.

type Recipe = { match: RegExp; typescript: (name: string, typed: boolean) => string[]; python: (name: string) => string[] };

const RECIPES: Recipe[] = [
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
