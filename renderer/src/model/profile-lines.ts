// Settings' profile rules as editable lines ("Notebook | app=code | title=*.ipynb* | language=python | prompt=…"), parsed in one pass per line.

export interface ProfileRuleDraft {
  name: string;
  app?: string;
  title?: string;
  language?: string;
  style?: string;
  paste?: string;
  shortcut?: string;
  prompt?: string;
}

const KEYS = ['app', 'title', 'language', 'style', 'paste', 'shortcut', 'prompt'] as const;
type Key = (typeof KEYS)[number];
const STYLES = ['code', 'shell', 'markdown'];
/** The settings schema's bounds, checked here too so the user sees which line is wrong before saving. */
const MAX_RULES = 400;
const MAX_LINE_CHARS = 1_200;
const MAX_PATTERN_CHARS = 200;

/** One line per rule, fields in a fixed order. */
export function profileLines(rules: unknown): string {
  if (!Array.isArray(rules)) return '';
  return rules
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    // KEYS ends with prompt, which takes the rest of its line when read back.
    .map((r) => [String(r['name'] ?? ''), ...KEYS.filter((k) => typeof r[k] === 'string').map((k) => `${k}=${String(r[k])}`)].join(' | '))
    .join('\n');
}

/** The rules of the text, or the first problem of each bad line ("line 2: …"). */
export function parseProfileLines(text: string): { rules: ProfileRuleDraft[]; errors: string[] } {
  const rules: ProfileRuleDraft[] = [];
  const errors: string[] = [];
  const lines = text.split('\n');
  if (lines.length > MAX_RULES) return { rules: [], errors: [`At most ${MAX_RULES} profiles.`] };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${i + 1}`;
    if (line.length > MAX_LINE_CHARS) return void errors.push(`${where}: too long (at most ${MAX_LINE_CHARS} characters).`);
    const [name = '', ...fields] = line.split(' | ');
    const rule: ProfileRuleDraft = { name: name.trim() };
    if (rule.name === '' || rule.name.length > 60) return void errors.push(`${where}: start with a name of 1 to 60 characters.`);
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f] ?? '';
      const eq = field.indexOf('=');
      const key = field.slice(0, eq).trim() as Key;
      // The prompt line is last and takes the rest of the line, " | " included.
      const value = (key === 'prompt' ? [field.slice(eq + 1), ...fields.slice(f + 1)].join(' | ') : field.slice(eq + 1)).trim();
      if (eq < 0 || !KEYS.includes(key)) return void errors.push(`${where}: "${field.slice(0, 40)}" is not one of ${KEYS.join(', ')} (key=value).`);
      if (value === '') return void errors.push(`${where}: ${key} is empty.`);
      if ((key === 'app' || key === 'title') && value.length > MAX_PATTERN_CHARS) return void errors.push(`${where}: the ${key} pattern is longer than ${MAX_PATTERN_CHARS} characters.`);
      if (key === 'style' && !STYLES.includes(value)) return void errors.push(`${where}: style is code, shell or markdown.`);
      if (key === 'paste' && value !== 'auto' && value !== 'off') return void errors.push(`${where}: paste is auto or off.`);
      rule[key] = value;
      if (key === 'prompt') break;
    }
    if (rule.app === undefined && rule.title === undefined) return void errors.push(`${where}: give an app or a title pattern.`);
    rules.push(rule);
  });
  return { rules, errors };
}
