// Prompt templates per intent, in one place: a system instruction and a user prompt asking for exactly one fenced code block.
import type { LanguageId } from '../config/schema.js';
import { LANGUAGE_NAMES, canonicalLanguage } from '../intent/languages.js';
import type { IntentName, IntentSlots } from '../intent/types.js';
import { redactSecrets, type SecretKind } from './redact.js';

/** Bump when the templates change: cached answers made with older prompts are then not reused. */
export const PROMPT_VERSION = 1;

export interface PromptHistoryEntry {
  transcript: string;
  code: string | null;
}

export interface PromptInput {
  intent: IntentName;
  slots: IntentSlots;
  /** The request as said (after identifier normalisation). */
  transcript: string;
  /** The language to write in when the caller resolved it already; else slots.language. */
  language?: string;
  /** Clipboard text, when the request refers to it (the context loader decides). */
  clipboard?: string;
  /** Recent requests, oldest first, for follow-ups ("now add tests for that"). */
  history?: readonly PromptHistoryEntry[];
}

export interface PromptLimits {
  clipboardChars: number;
  historyEntries: number;
  historyCodeChars: number;
}

/** The context loader bounds its sources; these caps keep a prompt bounded whoever calls. */
export const DEFAULT_PROMPT_LIMITS: PromptLimits = { clipboardChars: 24_000, historyEntries: 3, historyCodeChars: 4_000 };

export interface BuiltPrompt {
  systemInstruction: string;
  prompt: string;
  /** The language of the answer's code block (the target language for conversions). */
  language: string;
  /** The fence tag the answer is asked to use. */
  fenceTag: string;
  /** Secrets removed from the transcript, clipboard and history before they were put in the prompt. */
  redactions: Partial<Record<SecretKind, number>>;
  /** The output this answer needs at least (an edit repeats the whole selection); absent: the settings' limit. */
  maxOutputTokens?: number;
}

interface Ctx {
  lang: string;
  name: string | undefined;
  framework: string | undefined;
  target: string;
  source: string;
  hasCode: boolean;
}

const TEST_FRAMEWORKS: Partial<Record<LanguageId, string>> = {
  typescript: 'Vitest', javascript: 'Vitest', python: 'pytest', go: "Go's testing package (table-driven tests)", rust: 'a #[cfg(test)] module',
  java: 'JUnit 5', kotlin: 'JUnit 5 with kotlin.test', csharp: 'xUnit', cpp: 'GoogleTest', c: 'Unity', ruby: 'RSpec', php: 'PHPUnit',
  swift: 'XCTest', scala: 'ScalaTest', bash: 'bats', powershell: 'Pester',
};
const DOC_STYLES: Partial<Record<LanguageId, string>> = {
  typescript: 'TSDoc (/** */) comments', javascript: 'JSDoc comments with @param and @returns types', python: 'docstrings (Google style)',
  go: 'Go doc comments starting with the name', rust: '/// rustdoc comments with an # Examples section where useful', java: 'Javadoc',
  kotlin: 'KDoc', csharp: 'XML documentation comments (///)', cpp: 'Doxygen comments', c: 'Doxygen comments', ruby: 'YARD comments',
  php: 'PHPDoc', swift: 'Swift markup (///) comments', scala: 'Scaladoc', bash: 'a usage header and comments', powershell: 'comment-based help',
};
const TYPE_STYLES: Partial<Record<LanguageId, string>> = {
  typescript: 'precise TypeScript types (no any; generics and unions where they fit; exported interfaces for shapes)',
  javascript: 'JSDoc type annotations checked by TypeScript (// @ts-check)', python: 'type hints that pass mypy --strict (typing, TypedDict, Protocol where they fit)',
  ruby: 'RBS signatures', php: 'parameter, return and property types', kotlin: 'explicit types on public declarations',
};

/** Per intent: what to do; `onCode` marks intents that act on given code. */
const TEMPLATES: Readonly<Record<IntentName, { task: (c: Ctx) => string; onCode: boolean }>> = {
  generate_function: { onCode: false, task: (c) => `Write ${c.lang} code for the request: a function${named(c)}${using(c)}. Include the imports it needs, handle edge cases and invalid input, and add a short doc comment.` },
  generate_class: { onCode: false, task: (c) => `Write a ${c.lang} type for the request${named(c)}${using(c)}: a class, struct, record or interface as is idiomatic in ${c.lang}, with a constructor or factory and the methods asked for.` },
  generate_test: { onCode: true, task: (c) => `Write tests${c.name ? ` for ${c.name}` : ''} with ${c.framework ?? TEST_FRAMEWORKS[c.lang.toLowerCase() as LanguageId] ?? `the usual ${c.lang} test framework`}: normal cases, edge cases and errors, one behaviour per test, with descriptive names. Import the code under test rather than copying it.` },
  generate_regex: { onCode: false, task: (c) => `Write a regular expression for the request, as ${c.lang} code that defines it (with the flags it needs) and a small function using it. Explain each part of the pattern in a comment and list a few strings it accepts and rejects.` },
  generate_sql: { onCode: false, task: (c) => c.lang === 'SQL' ? 'Write the SQL for the request. Use standard SQL; where a dialect matters, write PostgreSQL and say so in a comment. Use explicit column lists and JOINs, and parameters ($1) for user input.' : `Write the query for the request in ${c.lang}${using(c)}, with parameters for user input.` },
  generate_shell: { onCode: false, task: (c) => c.lang === 'PowerShell' ? 'Write a PowerShell script or command for the request: approved verbs, -ErrorAction Stop, no aliases, and -WhatIf support for anything destructive.' : `Write a ${c.lang} script or one-liner for the request: set -euo pipefail in scripts, quote every variable, and guard anything destructive.` },
  explain: { onCode: true, task: (c) => `Explain the ${c.source} code for a developer. Answer with the code itself, annotated: a summary comment at the top, then concise comments on each step, the tricky parts and any bugs you notice. Do not change what the code does.` },
  refactor: { onCode: true, task: (c) => `Refactor the ${c.source} code as asked, keeping its behaviour and public interface the same. Return the whole refactored code.` },
  fix_error: { onCode: true, task: (c) => `Find and fix the bug or error described in the ${c.source} code. Return the whole corrected code with a short comment at each change saying what was wrong.` },
  convert_language: { onCode: true, task: (c) => `Convert the ${c.source} code to idiomatic ${c.target}: the same behaviour, ${c.target}'s standard library and conventions, not a line-by-line transliteration. Note any behaviour that cannot carry over in a comment.` },
  add_types: { onCode: true, task: (c) => `Add ${TYPE_STYLES[c.lang.toLowerCase() as LanguageId] ?? `precise type annotations for ${c.lang}`} to the code without changing its behaviour. Return the whole code.` },
  document: { onCode: true, task: (c) => `Document the ${c.source} code with ${DOC_STYLES[c.lang.toLowerCase() as LanguageId] ?? 'the idiomatic documentation comments'}: purpose, parameters, return values, errors and an example where useful. Do not change the code itself. Return the whole code.` },
  generic: { onCode: false, task: (c) => `Answer the request. If it asks for code, write it in ${c.lang}. If it is a question, answer briefly as comments inside the code block, with a short ${c.lang} example where one helps.` },
};

function named(c: Ctx): string {
  return c.name ? ` named ${c.name}` : '';
}
function using(c: Ctx): string {
  return c.framework ? ` using ${c.framework}` : '';
}

/** The system instruction and the user prompt for a request; secrets are redacted from everything the user supplied. */
export function buildPrompt(input: PromptInput, limits: PromptLimits = DEFAULT_PROMPT_LIMITS): BuiltPrompt {
  const sourceId = canonicalLanguage(input.language) ?? input.slots.language ?? 'typescript';
  const targetId = input.intent === 'convert_language' ? input.slots.target_language ?? sourceId : sourceId;
  const display = (id: string): string => LANGUAGE_NAMES[id as LanguageId] ?? id;
  const fenceTag = targetId;
  const redactions: Partial<Record<SecretKind, number>> = {};
  const clean = (text: string): string => {
    const r = redactSecrets(text);
    for (const [kind, n] of Object.entries(r.counts) as Array<[SecretKind, number]>) redactions[kind] = (redactions[kind] ?? 0) + n;
    return r.text;
  };

  const clipboard = input.clipboard?.trim() ? clean(cap(input.clipboard, limits.clipboardChars)) : undefined;
  const history = (input.history ?? []).slice(-limits.historyEntries);
  const template = TEMPLATES[input.intent];
  const ctx: Ctx = {
    lang: display(input.intent === 'convert_language' ? sourceId : targetId),
    name: input.slots.name,
    framework: input.slots.framework,
    target: display(targetId),
    source: display(sourceId),
    hasCode: clipboard !== undefined,
  };
  // Conversions write the target language; everything else writes the request's language.
  const writeIn = display(targetId);

  const systemInstruction = [
    `You are an expert ${writeIn} engineer inside a voice coding assistant.`,
    'Requests are usually spoken and transcribed: read identifiers and technical terms charitably (a misheard word is more likely than a nonsense request).',
    `Answer with exactly one fenced code block tagged \`\`\`${fenceTag} containing complete, working ${writeIn} code, and nothing before or after it.`,
    'Put any explanation in comments inside the code. Never include secrets; use placeholders read from the environment instead.',
  ].join('\n');

  const parts: string[] = [`Request: "${clean(input.transcript.trim())}"`, '', `Task: ${template.task(ctx)}`];
  const details: string[] = [];
  if (input.intent === 'convert_language') details.push(`From: ${display(sourceId)}`, `To: ${display(targetId)}`);
  else details.push(`Language: ${writeIn}`);
  if (input.slots.name) details.push(`Name: ${input.slots.name}`);
  if (input.slots.framework) details.push(`Framework: ${input.slots.framework}`);
  parts.push('', ...details);

  const previous = history.filter((h) => h.transcript.trim() !== '');
  if (previous.length > 0) {
    parts.push('', 'Earlier requests in this session, oldest first (for follow-ups such as "now add tests for that"):');
    previous.forEach((h, i) => {
      parts.push(`${i + 1}. "${clean(h.transcript.trim())}"`);
      if (h.code?.trim()) parts.push(fence(clean(cap(h.code, limits.historyCodeChars)), ''));
    });
  }
  if (clipboard !== undefined) {
    parts.push('', template.onCode ? 'The code to work on (from the clipboard):' : 'Code from the clipboard, for context:', fence(clipboard, input.intent === 'convert_language' ? sourceId : ''));
  } else if (template.onCode) {
    parts.push('', previous.some((h) => h.code?.trim())
      ? 'No code was attached: work on the code of the most recent earlier request.'
      : 'No code was attached: if the request names the code, write a minimal version of it first, then do what was asked.');
  }
  parts.push('', `Reply with one \`\`\`${fenceTag} code block only.`);
  return { systemInstruction, prompt: parts.join('\n'), language: targetId, fenceTag, redactions };
}

/** A fence longer than any backtick run inside, so pasted Markdown cannot close it early. */
export function fence(code: string, tag: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  // trimEnd, not /\s+$/: that expression restarts at every character of an inner whitespace run (quadratic on a 64 KB selection).
  return `${ticks}${tag}\n${code.trimEnd()}\n${ticks}`;
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut at a line end so the model does not see half a statement.
  const cut = text.lastIndexOf('\n', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)}\n… (truncated: ${text.length - max} more characters)`;
}
