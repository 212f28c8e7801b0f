// Profile patterns: case-insensitive globs with '*' only, matched in linear time (no regex, no backtracking on user input).

/** Longest pattern a profile may hold; the settings schema refuses longer ones. */
export const MAX_PATTERN_CHARS = 200;
/** Longest text a pattern is matched against (a window title can be anything an app sets). */
export const MAX_SUBJECT_CHARS = 1_024;

/**
 * Whether `subject` matches `pattern`. A pattern without '*' matches as a substring ("code" matches "code-oss");
 * with '*' it matches the whole subject, '*' standing for any run of characters ("*.py - * - visual studio code").
 * Star-only globs are matched greedily segment by segment: each literal segment is taken at its leftmost place after
 * the previous one, which is exact for '*'-only patterns and reads the subject once per segment (no backtracking).
 */
export function globMatch(pattern: string, subject: string): boolean {
  const p = pattern.slice(0, MAX_PATTERN_CHARS).toLowerCase();
  const s = subject.slice(0, MAX_SUBJECT_CHARS).toLowerCase();
  if (p.length === 0) return false;
  if (!p.includes('*')) return s.includes(p);
  const parts = p.split('*');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!s.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    if (part.length === 0) continue;
    const found = s.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  // The last segment must end the subject, and must not overlap what the middle segments took.
  return s.length - last.length >= at && s.endsWith(last);
}
