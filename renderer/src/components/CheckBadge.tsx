// The syntax check's mark on a result: "parses as Python", "2 syntax errors", "TypeScript, not Java", or "not checked".
import type { CodeCheck } from '../../../preload/contract';
import { checkMark } from '../../../preload/check-text';

export function CheckBadge({ check }: { check: CodeCheck }) {
  const kind = check.status === 'ok' ? 'badge-ok' : check.status === 'not-checked' ? '' : 'badge-warn';
  const title = check.status === 'not-checked' ? `Not checked: ${check.reason ?? 'no parser for this language'}` : check.errors.map((e) => `line ${e.line}:${e.column} ${e.message}`).join('\n') || undefined;
  return (
    <span className={`badge badge-check ${kind}`} title={title} data-status={check.status}>
      {checkMark(check)}
    </span>
  );
}

/** The first error positions, readable (the code view marks the lines; this says what is wrong). */
export function CheckErrors({ check }: { check: CodeCheck }) {
  if (check.status !== 'errors' && check.status !== 'wrong-language') return null;
  return (
    <ul className="check-errors" aria-label="Syntax errors">
      {check.errors.slice(0, 5).map((e) => (
        <li key={`${e.line}:${e.column}`}>
          Line {e.line}, column {e.column}: {e.message}
        </li>
      ))}
    </ul>
  );
}
