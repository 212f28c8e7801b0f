// The dictionary's text forms: checks of one entry, and bulk import/export (one term per line, or CSV of term and spoken form).
import { AppError } from '../core/errors.js';
import { MAX_SPOKEN_WORDS, spokenWords } from './dictionary-matcher.js';

export const MAX_TERM_CHARS = 100;
export const MAX_SPOKEN_CHARS = 200;
/** Users ask for lists of 20,000 words; more is a data dump, not a dictionary. */
export const MAX_DICTIONARY_ENTRIES = 20_000;
/** An import file at most this large: 20,000 lines of term and spoken form fit easily. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** Errors listed at most per failed import; the count says how many more. */
const MAX_LISTED_ERRORS = 10;

export interface DictionaryEntryInput {
  term: string;
  spoken?: string;
}

/** A checked entry: trimmed term, spoken form (if any) with its match key (lower-cased words joined by a space). */
export interface CleanEntry {
  term: string;
  spoken: string | null;
  spokenKey: string | null;
}

// Control characters (C0, DEL, C1) and line/paragraph separators never belong in a term.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The reason an entry is refused, or the clean entry. */
export function checkEntry(input: DictionaryEntryInput): CleanEntry | string {
  const term = input.term.trim();
  if (term === '') return 'the term is empty';
  if (term.length > MAX_TERM_CHARS) return `the term is longer than ${MAX_TERM_CHARS} characters`;
  if (CONTROL.test(term)) return 'the term holds a control character';
  const spokenRaw = input.spoken?.trim() ?? '';
  if (spokenRaw === '') return { term, spoken: null, spokenKey: null };
  if (spokenRaw.length > MAX_SPOKEN_CHARS) return `the spoken form is longer than ${MAX_SPOKEN_CHARS} characters`;
  if (CONTROL.test(spokenRaw)) return 'the spoken form holds a control character';
  const words = spokenWords(spokenRaw);
  if (words.length === 0) return 'the spoken form has no words';
  if (words.length > MAX_SPOKEN_WORDS) return `the spoken form has more than ${MAX_SPOKEN_WORDS} words`;
  return { term, spoken: words.join(' '), spokenKey: words.join(' ') };
}

/** checkEntry that throws the user-facing error. */
export function cleanEntry(input: DictionaryEntryInput): CleanEntry {
  const checked = checkEntry(input);
  if (typeof checked === 'string') throw new AppError('VALIDATION', `"${input.term.slice(0, 60)}" cannot be added: ${checked}.`);
  return checked;
}

/**
 * Parses an import file: one entry per line, either a term alone or `term,spoken form` (CSV: a field in double quotes
 * may hold commas, "" is a quote). Blank lines and lines starting with # are skipped, as is a header line
 * `term,spoken...`. All or nothing: any bad line refuses the import, naming the lines (the first ten).
 */
export function parseImport(text: string): CleanEntry[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) {
    throw new AppError('INPUT_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import them one by one.`);
  }
  const entries: CleanEntry[] = [];
  const errors: string[] = [];
  let errorCount = 0;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (index === 0 && /^\s*"?term"?\s*,/i.test(line)) return;
    const fields = splitCsvLine(line);
    let checked: CleanEntry | string;
    if (typeof fields === 'string') checked = fields;
    else if (fields.length > 2) checked = `${fields.length} fields; expected a term, or a term and its spoken form (put a spoken form with commas in double quotes)`;
    else checked = checkEntry({ term: fields[0] ?? '', ...(fields[1] !== undefined ? { spoken: fields[1] } : {}) });
    if (typeof checked === 'string') {
      errorCount++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(`line ${lineNo}: ${checked}`);
    } else entries.push(checked);
  });
  if (errorCount > 0) {
    const more = errorCount > errors.length ? ` (and ${errorCount - errors.length} more)` : '';
    throw new AppError('VALIDATION', `Nothing was imported: ${errorCount} line${errorCount === 1 ? '' : 's'} cannot be read${more}. ${errors.join('; ')}. Fix them and import again.`);
  }
  if (entries.length > MAX_DICTIONARY_ENTRIES) {
    throw new AppError('INPUT_TOO_LARGE', `The file holds ${entries.length.toLocaleString('en')} entries; the dictionary holds at most ${MAX_DICTIONARY_ENTRIES.toLocaleString('en')}.`);
  }
  return entries;
}

/** One CSV line's fields, or why it cannot be read (an unclosed quote). Linear: one pass. */
function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < line.length) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else field += c;
    i++;
  }
  if (quoted) return 'a double quote is not closed';
  fields.push(field);
  return fields;
}

/** The export: a header, then `term` or `term,spoken form` per line (quoted where CSV needs it); import reads it back. */
export function formatExport(entries: readonly { term: string; spoken: string | null }[]): string {
  const lines = ['term,spoken form'];
  for (const e of entries) lines.push(e.spoken ? `${csvField(e.term)},${csvField(e.spoken)}` : csvField(e.term));
  return `${lines.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",#]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
