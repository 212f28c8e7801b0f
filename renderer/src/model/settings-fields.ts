// The settings the Settings view edits: where each lives in the settings object, how it is shown, and building a patch of changes.

export type FieldKind = 'text' | 'url' | 'integer' | 'megabytes' | 'seconds' | 'select' | 'checkbox' | 'codes';

/** BCP-47 tags as main/config/schema.ts takes them ("en-US", "fr", "zh-Hans-CN"); at most MAX_CODES in a 'codes' field. */
const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$/;
const MAX_CODES = 8;

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
      { path: 'hotkey.editAccelerator', label: 'Edit hotkey', kind: 'text', help: 'Edits the selected code (empty: off). With text selected, the dictation hotkey edits it too.' },
      { path: 'hotkey.mode', label: 'Hotkey mode', kind: 'select', options: [{ value: 'push-to-talk', label: 'Push to talk (hold)' }, { value: 'toggle', label: 'Toggle (press to start and stop)' }] },
      { path: 'language.default', label: 'Default language', kind: 'select', options: LANGUAGES.map((l) => ({ value: l, label: l })) },
      {
        path: 'language.spoken', label: 'Languages you speak', kind: 'codes', placeholder: 'en-US, fr-FR',
        help: 'Language codes (BCP-47), separated by commas, at most 8; empty: detected as you speak. Code and names stay in English unless you ask otherwise.',
      },
    ],
  },
  {
    id: 'output',
    title: 'Output',
    fields: [
      { path: 'output.mode', label: 'Put the code', kind: 'select', options: [{ value: 'clipboard', label: 'On the clipboard' }, { value: 'paste', label: 'Where the cursor is (paste)' }, { value: 'both', label: 'Both' }] },
      { path: 'output.copyFullAnswer', label: 'Copy the whole answer, not only the code', kind: 'checkbox' },
      { path: 'overlay.autoHideSeconds', label: 'Hide the overlay after a result (seconds)', kind: 'integer', min: 0, max: 120, help: '0 keeps it, with its Paste / Copy / Open buttons and keys, until you dismiss it or dictate again (desktop app).' },
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
    else if (f.kind === 'codes') draft[f.path] = Array.isArray(v) ? v.map(String).join(', ') : '';
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
  if (f.kind === 'codes') return parseCodes(f, text);
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

/** "en-US, fr" -> ['en-US', 'fr']: each a BCP-47 tag, none twice, at most MAX_CODES; empty is an empty list. */
function parseCodes(f: FieldDef, text: string): ParsedValue {
  const codes = text === '' ? [] : text.split(/[\s,;]+/).filter(Boolean);
  if (codes.length > MAX_CODES) return { ok: false, message: `${f.label}: at most ${MAX_CODES} languages.` };
  const bad = codes.find((c) => c.length > 16 || !BCP47.test(c));
  if (bad !== undefined) return { ok: false, message: `${f.label}: "${bad.slice(0, 16)}" is not a language code such as en-US, fr or pt-BR.` };
  if (new Set(codes.map((c) => c.toLowerCase())).size !== codes.length) return { ok: false, message: `${f.label}: a language is named twice.` };
  return { ok: true, value: codes };
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
