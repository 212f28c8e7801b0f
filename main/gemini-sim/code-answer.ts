// The simulator's default code answer: deterministic, plausible, one fenced block in the requested language.
import { recipeFor } from './code-recipes.js';
import type { CodeAnswerRequest } from './types.js';

const LANGUAGES: Record<string, { fence: string; comment: string; render: (name: string, words: string[]) => string[] }> = {
  typescript: { fence: 'typescript', comment: '//', render: (n, w) => tsLike(n, w, true) },
  javascript: { fence: 'javascript', comment: '//', render: (n, w) => tsLike(n, w, false) },
  python: { fence: 'python', comment: '#', render: (n, w) => python(snake(n), w) },
  go: { fence: 'go', comment: '//', render: (n, w) => goLang(n, w) },
  rust: { fence: 'rust', comment: '//', render: (n, w) => rust(snake(n), w) },
  java: { fence: 'java', comment: '//', render: (n, w) => java(n, w) },
};

const ALIASES: Array<[RegExp, string]> = [
  [/\btype ?script\b|\bts\b/i, 'typescript'],
  [/\bjava ?script\b|\bjs\b|\bnode\b/i, 'javascript'],
  [/\bpython\b|\bpy\b/i, 'python'],
  [/\bgolang\b|\bin go\b|\bgo\b(?= code| function)/i, 'go'],
  [/\brust\b/i, 'rust'],
  [/\bjava\b(?! ?script)/i, 'java'],
];

const STOP = new Set(['a', 'an', 'the', 'that', 'which', 'to', 'in', 'of', 'and', 'for', 'with', 'write', 'create', 'make', 'me', 'please', 'function', 'method', 'class', 'code', 'using', 'language', 'typescript', 'javascript', 'python', 'rust', 'go', 'golang', 'java', 'it', 'is', 'be', 'by']);

/** The requested language: an explicit "Language: x" line first, then a mention, else TypeScript. */
export function requestedLanguage(text: string): string {
  const explicit = /language\s*[:=]\s*([a-z+#]+)/i.exec(text)?.[1]?.toLowerCase();
  if (explicit && explicit in LANGUAGES) return explicit;
  for (const [pattern, id] of ALIASES) if (pattern.test(text)) return id;
  return 'typescript';
}

/** The user's request: the last non-empty line of the prompt that is not a labelled context line. */
function requestLine(prompt: string): string {
  const lines = prompt.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^```/.test(l));
  const labelled = lines.find((l) => /^(request|task|transcript)\s*:/i.test(l));
  if (labelled) return labelled.replace(/^[^:]+:\s*/, '');
  return lines[lines.length - 1] ?? 'do something useful';
}

export function defaultCodeAnswer(request: CodeAnswerRequest): string {
  const lang = requestedLanguage(`${request.systemInstruction}\n${request.prompt}`);
  const spec = LANGUAGES[lang] ?? (LANGUAGES.typescript as (typeof LANGUAGES)[string]);
  const line = requestLine(request.prompt);
  const words = line.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w !== '' && !STOP.has(w)).slice(0, 4);
  const name = camel(words.length > 0 ? words : ['solve']);
  const body = recipeFor(line, lang, name, snake(name)) ?? spec.render(name, words);
  return [`Here is a ${lang} implementation of "${line}".`, '', '```' + spec.fence, `${spec.comment} ${line}`, ...body, '```', ''].join('\n');
}

function camel(words: string[]): string {
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('').replace(/^[0-9]/, 'n$&');
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function tsLike(name: string, words: string[], typed: boolean): string[] {
  const t = (s: string): string => (typed ? s : '');
  return [
    `export function ${name}(values${t(': readonly number[]')})${t(': number')} {`,
    `  // Steps: ${words.join(', ') || 'compute'}.`,
    '  if (values.length === 0) {',
    `    throw new Error('${name}: expected at least one value');`,
    '  }',
    '  let result = 0;',
    '  for (const value of values) {',
    '    if (!Number.isFinite(value)) {',
    `      throw new Error(\`${name}: not a finite number: \${value}\`);`,
    '    }',
    '    result += value;',
    '  }',
    '  return result;',
    '}',
    '',
    `export function ${name}All(groups${t(': readonly (readonly number[])[]')})${t(': number[]')} {`,
    `  return groups.map((group) => ${name}(group));`,
    '}',
  ];
}

function python(name: string, words: string[]): string[] {
  return [
    'from typing import Iterable, List',
    '',
    '',
    `def ${name}(values: Iterable[float]) -> float:`,
    `    """Steps: ${words.join(', ') || 'compute'}."""`,
    '    items = list(values)',
    '    if not items:',
    `        raise ValueError("${name}: expected at least one value")`,
    '    result = 0.0',
    '    for value in items:',
    '        result += value',
    '    return result',
    '',
    '',
    `def ${name}_all(groups: Iterable[Iterable[float]]) -> List[float]:`,
    `    return [${name}(group) for group in groups]`,
  ];
}

function goLang(name: string, words: string[]): string[] {
  const exported = name.charAt(0).toUpperCase() + name.slice(1);
  return [
    'package main',
    '',
    'import "errors"',
    '',
    `// ${exported} steps: ${words.join(', ') || 'compute'}.`,
    `func ${exported}(values []float64) (float64, error) {`,
    '\tif len(values) == 0 {',
    `\t\treturn 0, errors.New("${name}: expected at least one value")`,
    '\t}',
    '\tresult := 0.0',
    '\tfor _, value := range values {',
    '\t\tresult += value',
    '\t}',
    '\treturn result, nil',
    '}',
  ];
}

function rust(name: string, words: string[]): string[] {
  return [
    `/// Steps: ${words.join(', ') || 'compute'}.`,
    `pub fn ${name}(values: &[f64]) -> Result<f64, String> {`,
    '    if values.is_empty() {',
    `        return Err("${name}: expected at least one value".to_string());`,
    '    }',
    '    Ok(values.iter().sum())',
    '}',
  ];
}

function java(name: string, words: string[]): string[] {
  const type = name.charAt(0).toUpperCase() + name.slice(1);
  return [
    'import java.util.List;',
    '',
    `public final class ${type} {`,
    `  private ${type}() {}`,
    '',
    `  /** Steps: ${words.join(', ') || 'compute'}. */`,
    `  public static double ${name}(List<Double> values) {`,
    '    if (values.isEmpty()) {',
    `      throw new IllegalArgumentException("${name}: expected at least one value");`,
    '    }',
    '    double result = 0;',
    '    for (double value : values) {',
    '      result += value;',
    '    }',
    '    return result;',
    '  }',
    '}',
  ];
}
