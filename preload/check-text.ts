// How a result's syntax check is said to the user (overlay, main window, notifications): one wording for every host.
import type { CodeCheck } from './contract.js';

const NAMES: Record<string, string> = {
  typescript: 'TypeScript', javascript: 'JavaScript', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java', kotlin: 'Kotlin', csharp: 'C#',
  cpp: 'C++', c: 'C', sql: 'SQL', bash: 'Bash', powershell: 'PowerShell', ruby: 'Ruby', php: 'PHP', swift: 'Swift', scala: 'Scala',
  html: 'HTML', css: 'CSS', json: 'JSON', yaml: 'YAML',
};

export function languageName(id: string): string {
  return NAMES[id] ?? id;
}

/** Why automatic paste is withheld ("2 syntax errors", "TypeScript, not Java"), or null when the code may be pasted. */
export function withheldReason(check: CodeCheck | undefined): string | null {
  if (!check) return null;
  if (check.status === 'wrong-language') return `${languageName(check.parsesAs ?? 'another language')}, not ${languageName(check.language)}`;
  if (check.status === 'errors') return `${check.errorCount} syntax error${check.errorCount === 1 ? '' : 's'}`;
  return null;
}

/** The small mark beside a result: "parses as Python", "2 syntax errors", "not checked". */
export function checkMark(check: CodeCheck): string {
  const repaired = check.repaired ? ' (repaired)' : '';
  switch (check.status) {
    case 'ok':
      return `parses as ${languageName(check.language)}${repaired}`;
    case 'not-checked':
      return 'not checked';
    default:
      return `${withheldReason(check) ?? ''}${check.repaired ? ' (after a repair request)' : ''}`;
  }
}

/** 1-based lines with an error, for marking them in the code view. */
export function errorLines(check: CodeCheck | undefined): ReadonlySet<number> {
  return new Set(check && check.status !== 'ok' ? check.errors.map((e) => e.line) : []);
}
