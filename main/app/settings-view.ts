// Settings as the renderer may see them (no API keys, only whether each instance has one), and patches merged and validated.
import type { Settings } from '../config/schema.js';
import { parseSettings } from '../config/load.js';

/** redis://user:secret@host -> redis://user:***@host: the renderer sees where, never the password. */
export function maskUrlPassword(url: string | undefined): string | undefined {
  return url?.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]+@/i, '$1***@');
}

export function publicSettings(settings: Settings, keyStorage: 'encrypted' | 'memory' | 'env'): Record<string, unknown> {
  const copy = structuredClone(settings) as Settings & Record<string, unknown>;
  const masked = maskUrlPassword(copy.cache.l2.url);
  if (masked !== undefined) copy.cache.l2.url = masked;
  const instances = copy.gemini.instances.map((i) => {
    const { apiKey, ...rest } = i;
    return { ...rest, hasApiKey: apiKey !== undefined && apiKey !== '' };
  });
  return { ...copy, gemini: { ...copy.gemini, instances }, keyStorage };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = deepMerge(base[k], v);
  }
  return out;
}

/** Applies a patch from the renderer; API keys cannot be set this way (settings.setApiKey stores them encrypted). */
export function applySettingsPatch(current: Settings, patch: Record<string, unknown>): Settings {
  // The masked Redis URL the renderer was shown coming back unchanged keeps the real one.
  const l2 = isObject(patch.cache) && isObject(patch.cache.l2) ? patch.cache.l2 : undefined;
  if (l2 && l2.url !== undefined && l2.url === maskUrlPassword(current.cache.l2.url)) delete l2.url;
  const merged = deepMerge(current, patch) as Record<string, unknown>;
  // Clearing an optional text field in the renderer sends "": it means "not set".
  const cacheSection = merged.cache;
  if (isObject(cacheSection) && isObject(cacheSection.l2) && cacheSection.l2.url === '') delete cacheSection.l2.url;
  const vocabulary = merged.vocabulary;
  if (isObject(vocabulary) && vocabulary.projectDir === '') delete vocabulary.projectDir;
  // A key stays with its instance only while the instance points at the same endpoint: a patch that moves it elsewhere
  // must not carry the key there.
  const keys = new Map(current.gemini.instances.map((i) => [`${i.name}\u0000${i.baseUrl ?? ''}`, i.apiKey]));
  // A patch may replace a section with anything ({gemini: false}): only a well-formed instance list gets its keys
  // back; whatever else it holds is left for parseSettings to refuse with a CONFIG error naming the setting.
  const gemini = merged.gemini;
  const instances: unknown = isObject(gemini) ? (gemini.instances ?? []) : undefined;
  if (isObject(gemini) && Array.isArray(instances)) {
    merged.gemini = {
      ...gemini,
      instances: instances.map((i: unknown) => {
        if (!isObject(i)) return i;
        const key = typeof i.name === 'string' ? keys.get(`${i.name}\u0000${typeof i.baseUrl === 'string' ? i.baseUrl : ''}`) : undefined;
        const { apiKey: _ignored, ...rest } = i;
        return key === undefined ? rest : { ...rest, apiKey: key };
      }),
    };
  }
  return parseSettings(merged);
}

/** What is written to SQLite: never the keys. */
export function storableSettings(settings: Settings): Settings {
  const copy = structuredClone(settings);
  copy.gemini.instances = copy.gemini.instances.map(({ apiKey: _k, ...rest }) => rest) as Settings['gemini']['instances'];
  return copy;
}

/** Instances that had a key before a settings change and have none after it (their endpoint moved). */
export function droppedKeys(before: Settings, after: Settings): string[] {
  const had = new Set(before.gemini.instances.filter((i) => i.apiKey).map((i) => i.name));
  return after.gemini.instances.filter((i) => had.has(i.name) && !i.apiKey).map((i) => i.name);
}

/** What settings.update tells the user about keys: which were dropped, and where the environment's base URL wins. */
export function keyNotices(dropped: readonly string[], stored: Settings, effective: Settings, envBaseUrl: string | undefined): string[] {
  const notices = dropped.map(
    (name) => `The API key of instance "${name}" was not moved to its new base URL: a key only goes to the endpoint it was entered for. Enter a key for the new endpoint in Settings.`,
  );
  const first = stored.gemini.instances[0];
  if (envBaseUrl !== undefined && first?.baseUrl !== undefined && first.baseUrl !== effective.gemini.instances[0]?.baseUrl) {
    notices.push(
      `VOICE_CODEGEN_GEMINI_BASE_URL is set, so instance "${first.name}" keeps using ${envBaseUrl.slice(0, 200)}. The base URL you saved applies when that variable is not set, and GEMINI_API_KEY is never sent to it.`,
    );
  }
  return notices;
}
