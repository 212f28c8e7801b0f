// What a syntax check reports: the outcome, the asked language, the language it parses as, and the error positions.

/** ok: parses in the language asked; errors: does not parse; wrong-language: fails as asked, parses as another; not-checked: no grammar, or not code. */
export type CheckStatus = 'ok' | 'errors' | 'wrong-language' | 'not-checked';

export interface SyntaxIssue {
  /** 1-based line and column (column in UTF-16 code units, as web-tree-sitter counts: characters, except astral ones count 2). */
  line: number;
  column: number;
  message: string;
}

export interface SyntaxReport {
  status: CheckStatus;
  /** The language asked for (checked in). */
  language: string;
  /** wrong-language: the language the code parses as. */
  parsesAs?: string;
  /** At most MAX_REPORTED_ISSUES, in document order. */
  errors: SyntaxIssue[];
  /** All errors found (may exceed errors.length). */
  errorCount: number;
  /** not-checked: why ("no grammar for sql"). */
  reason?: string;
  /** Parse time inside the worker, milliseconds. */
  parseMs: number;
}

export const MAX_REPORTED_ISSUES = 20;
/** Larger answers are not parsed: nothing a dictation produces is this big, and parsing stays bounded. */
export const MAX_CHECKED_CHARS = 1_000_000;

export function notChecked(language: string, reason: string): SyntaxReport {
  return { status: 'not-checked', language, errors: [], errorCount: 0, reason, parseMs: 0 };
}

/** "2 syntax errors" / "1 syntax error". */
export function errorCountText(count: number): string {
  return `${count} syntax error${count === 1 ? '' : 's'}`;
}

/** "line 3:5, line 9:1" for prompts and messages (first few only). */
export function positionsText(errors: readonly SyntaxIssue[], limit = 5): string {
  const shown = errors.slice(0, limit).map((e) => `line ${e.line}:${e.column}`);
  return errors.length > limit ? `${shown.join(', ')} and ${errors.length - limit} more` : shown.join(', ');
}
