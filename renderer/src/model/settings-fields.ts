// The settings the Settings view edits: where each lives in the settings object, how it is shown, and building a patch of changes.

export type FieldKind = 'text' | 'url' | 'integer' | 'megabytes' | 'seconds' | 'select' | 'checkbox';

export interface FieldDef {
  path: string;
  label: string;
  kind: FieldKind;
  options?: ReadonlyArray<{ value: string; label: string }>;
  help?: string;
  min?: number;
  max?: number;
  placeholder?: string;
  /** What an empty field is sent as; without it an empty field is refused. */
  empty?: null | '';
}

export interface FieldGroup {
  id: string;
  title: string;
  fields: FieldDef[];
}

const LANGUAGES = ['typescript', 'javascript', 'python', 'go', 'rust', 'java', 'kotlin', 'csharp', 'cpp', 'c', 'sql', 'bash', 'powershell', 'ruby', 'php', 'swift', 'scala', 'html', 'css', 'json', 'yaml'];

export const SETTINGS_GROUPS: readonly FieldGroup[] = [
  {
    id: 'models',
    title: 'Models',
    fields: [
      { path: 'gemini.models.live', label: 'Live transcription model', kind: 'text' },
      { path: 'gemini.models.batchTranscribe', label: 'File transcription model', kind: 'text' },
      { path: 'gemini.models.codegen', label: 'Code generation model', kind: 'text' },
      { path: 'gemini.models.intentAssist', label: 'Intent assist model', kind: 'text' },
    ],
  },
  {
    id: 'hotkey',
    title: 'Hotkey and language',
    fields: [
      { path: 'hotkey.accelerator', label: 'Hotkey', kind: 'text', help: 'Electron accelerator, e.g. CommandOrControl+Shift+Space (desktop app).' },
      { path: 'hotkey.mode', label: 'Hotkey mode', kind: 'select', options: [{ value: 'push-to-talk', label: 'Push to talk (hold)' }, { value: 'toggle', label: 'Toggle (press to start and stop)' }] },
      { path: 'language.default', label: 'Default language', kind: 'select', options: LANGUAGES.map((l) => ({ value: l, label: l })) },
    ],
  },
  {
    id: 'output',
    title: 'Output',
    fields: [
      { path: 'output.mode', label: 'Put the code', kind: 'select', options: [{ value: 'clipboard', label: 'On the clipboard' }, { value: 'paste', label: 'Where the cursor is (paste)' }, { value: 'both', label: 'Both' }] },
      { path: 'output.copyFullAnswer', label: 'Copy the whole answer, not only the code', kind: 'checkbox' },
      { path: 'speculation.enabled', label: 'Start writing before you finish speaking (faster, may spend extra tokens)', kind: 'checkbox' },
      { path: 'quality.check', label: 'Check that the code parses (code with syntax errors is copied, never pasted)', kind: 'checkbox' },
      { path: 'quality.repair', label: 'Ask once for corrected code when it does not parse (spends extra tokens)', kind: 'checkbox' },
    ],
  },
  {
    id: 'cache',
    title: 'Cache',
    fields: [
      { path: 'cache.enabled', label: 'Use the cache', kind: 'checkbox' },
      { path: 'cache.l1.maxBytes', label: 'Memory cache size (MB)', kind: 'megabytes', min: 1 },
      { path: 'cache.l1.ttlMs', label: 'Memory cache TTL (s)', kind: 'seconds', min: 1 },
      { path: 'cache.l2.url', label: 'Redis URL (shared cache)', kind: 'url', placeholder: 'redis://127.0.0.1:6379', empty: '', help: 'Leave empty to run without Redis.' },
      { path: 'cache.l2.ttlMs', label: 'Redis TTL (s)', kind: 'seconds', min: 1 },
      { path: 'cache.l3.ttlMs', label: 'Disk cache TTL (s)', kind: 'seconds', min: 1 },
    ],
  },
  {
    id: 'pool',
    title: 'Live session pool',
    fields: [
      { path: 'pool.min', label: 'Warm sessions (min)', kind: 'integer', min: 0, max: 50 },
      { path: 'pool.max', label: 'Most sessions (max)', kind: 'integer', min: 1, max: 50 },
    ],
  },
  {
    id: 'privacy',
    title: 'Privacy and vocabulary',
    fields: [
      { path: 'privacy.clipboardContext', label: 'Send clipboard text when a request refers to it', kind: 'checkbox' },
      { path: 'profiles.sendWindowTitle', label: "Send the focused window's title to Gemini (redacted)", kind: 'checkbox', help: 'Off: the app name and the file extension pick a profile on this computer only.' },
      { path: 'privacy.projectVocabulary', label: 'Bias transcription with names from the project folder', kind: 'checkbox' },
      { path: 'vocabulary.projectDir', label: 'Project folder', kind: 'text', placeholder: '/home/me/code/my-project', empty: '', help: 'Identifiers found here help the transcriber spell your names.' },
      { path: 'monitor.dailyTokenCap', label: 'Daily token cap', kind: 'integer', min: 1, empty: null, help: 'Empty: no cap.' },
    ],
  },
];

export type Draft = Record<string, string | boolean>;

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] as string] = value;
}

const ALL_FIELDS = SETTINGS_GROUPS.flatMap((g) => g.fields);

/** The form's string/boolean values from the settings object. */
export function draftFrom(settings: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const f of ALL_FIELDS) {
    const v = getPath(settings, f.path);
    if (f.kind === 'checkbox') draft[f.path] = v === true;
    else if (typeof v === 'number' && f.kind === 'megabytes') draft[f.path] = String(Math.round(v / (1024 * 1024)));
    else if (typeof v === 'number' && f.kind === 'seconds') draft[f.path] = String(v / 1000);
    else draft[f.path] = v === undefined || v === null ? '' : String(v);
  }
  return draft;
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

export function parseField(f: FieldDef, raw: string | boolean): ParsedValue {
  if (f.kind === 'checkbox') return { ok: true, value: raw === true };
  const text = String(raw).trim();
  if (text === '') return f.empty !== undefined ? { ok: true, value: f.empty } : { ok: false, message: `${f.label} cannot be empty.` };
  if (f.kind === 'text' || f.kind === 'select') return { ok: true, value: text };
  if (f.kind === 'url') return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? { ok: true, value: text } : { ok: false, message: `${f.label} must be a URL such as redis://host:6379.` };
  const n = Number(text);
  if (!Number.isFinite(n) || (f.kind === 'integer' && !Number.isInteger(n))) return { ok: false, message: `${f.label} must be a ${f.kind === 'integer' ? 'whole ' : ''}number.` };
  if (f.min !== undefined && n < f.min) return { ok: false, message: `${f.label} must be at least ${f.min}.` };
  if (f.max !== undefined && n > f.max) return { ok: false, message: `${f.label} must be at most ${f.max}.` };
  if (f.kind === 'megabytes') return { ok: true, value: Math.round(n * 1024 * 1024) };
  if (f.kind === 'seconds') return { ok: true, value: Math.round(n * 1000) };
  return { ok: true, value: n };
}

/** A nested patch of the fields that changed, or the first validation problem per field. */
export function buildPatch(original: Draft, draft: Draft): { patch: Record<string, unknown>; errors: Record<string, string>; changed: number } {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  let changed = 0;
  for (const f of ALL_FIELDS) {
    const now = draft[f.path];
    if (now === undefined || now === original[f.path]) continue;
    const parsed = parseField(f, now);
    if (!parsed.ok) {
      errors[f.path] = parsed.message;
      continue;
    }
    setPath(patch, f.path, parsed.value);
    changed++;
  }
  return { patch, errors, changed };
}

/**
 * The notice after a save: settings.update names the changes that wait for a restart (restartFor); everything
 * else already applies.
 */
export function restartNotice(restartFor: unknown): string {
  if (!Array.isArray(restartFor) || restartFor.length === 0) return '';
  const names = [...new Set(restartFor.map((p) => ALL_FIELDS.find((f) => f.path === String(p))?.label ?? String(p)))];
  const shown = names.slice(0, 4).join(', ');
  return ` Restart Voice CodeGen to apply: ${shown}${names.length > 4 ? ` and ${names.length - 4} more` : ''}. Everything else applies now.`;
}
