// The simulator's default code answer: deterministic, one fenced block in the language the prompt asks for.
import { LANGUAGE_ALIASES, LANGUAGE_PROFILES, literalSafe, nameIn, type LanguageProfile } from './code-languages.js';
import { recipeFor } from './code-recipes.js';
import type { CodeAnswerRequest } from './types.js';

const STOP = new Set(['a', 'an', 'the', 'that', 'which', 'to', 'in', 'of', 'and', 'for', 'with', 'write', 'create', 'make', 'me', 'please', 'function', 'method', 'class', 'code', 'using', 'language', 'typescript', 'javascript', 'python', 'rust', 'go', 'golang', 'it', 'is', 'be', 'by', 'i', 'need', 'give', 'can', 'you', 'um', 'uh', 'so', 'okay', 'want', 'some', 'script', 'bash', 'java', 'kotlin', 'sql', 'ruby', 'php', 'swift', 'scala', 'named', 'called']);

/**
 * The requested language: an explicit "Language: X" line (the app's prompt has one, and a fault that
 * answers in another language prepends one), then the fence tag the prompt asks for (conversions
 * name only their target there), then a mention, else TypeScript.
 */
export function requestedLanguage(text: string): string {
  const explicit = /^language\s*[:=]\s*([^\n]+)/im.exec(text)?.[1];
  if (explicit) {
    const id = explicit.trim().toLowerCase();
    if (id in LANGUAGE_PROFILES) return id;
    for (const [pattern, alias] of LANGUAGE_ALIASES) if (pattern.test(explicit)) return alias;
  }
  const fenced = /```([a-z+#]+)/i.exec(text)?.[1]?.toLowerCase();
  if (fenced && fenced in LANGUAGE_PROFILES) return fenced;
  for (const [pattern, id] of LANGUAGE_ALIASES) if (pattern.test(text)) return id;
  return 'typescript';
}

/** The user's request: the labelled request line of the prompt, else its last plain line. */
function requestLine(prompt: string): string {
  const lines = prompt.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^```/.test(l));
  const labelled = lines.find((l) => /^(request|task|transcript)\s*:/i.test(l));
  if (labelled) return labelled.replace(/^[^:]+:\s*/, '').replace(/^"(.*)"$/, '$1');
  return lines[lines.length - 1] ?? 'do something useful';
}

/** Words of a name the prompt gives ("Name: parse_csv_row", "Name: isPrime"), else undefined. */
function namedWords(prompt: string): string[] | undefined {
  const name = /^name\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/im.exec(prompt)?.[1];
  if (!name) return undefined;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/).filter((w) => w !== '');
}

export function defaultCodeAnswer(request: CodeAnswerRequest): string {
  const lang = requestedLanguage(`${request.systemInstruction}\n${request.prompt}`);
  const profile = LANGUAGE_PROFILES[lang] as LanguageProfile;
  const line = requestLine(request.prompt);
  const said = literalSafe(line);
  const recipe = recipeFor(line);
  const body = recipe?.bodies[lang];
  const requestWords = line.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w !== '' && !STOP.has(w)).slice(0, 4);
  const words = namedWords(request.prompt) ?? (body && recipe ? recipe.words : requestWords.length > 0 ? requestWords : ['solve']);
  const name = nameIn(profile, words);
  const code = body ? body(name) : profile.placeholder(name, said);
  const header = profile.comment === null ? [] : [`${profile.comment} ${said}`];
  // A shebang or <?php must stay the first line.
  const lines = code[0] !== undefined && /^(#!|<\?php)/.test(code[0]) ? [code[0], ...header, ...code.slice(1)] : [...header, ...code];
  const intro = body ? `Here is ${article(lang)} ${lang} implementation of "${said}".` : `Simulated Gemini has no ${lang} recipe for "${said}": here is a placeholder that says so.`;
  return [intro, '', '```' + profile.fence, ...lines, '```', ''].join('\n');
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
