// Moves the settings that profiles replaced (output.terminalApps, output.appOverrides) into profiles.rules, keeping what users set.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema's cap on profiles.rules: migrated entries past it are dropped (the list was already past sane). */
const MAX_RULES = 100;

/**
 * An override and a terminal entry for the same app become one rule (style shell, with the override's paste and
 * shortcut). User rules already in profiles.rules stay first. Returns a copy; input without the old keys is returned as is.
 */
export function migrateProfiles(input: Json): Json {
  const output = input.output;
  if (!isObject(output) || (output.terminalApps === undefined && output.appOverrides === undefined)) return input;
  const { terminalApps, appOverrides, ...rest } = output;
  const rules = new Map<string, Json>();
  const key = (app: string): string => app.trim().toLowerCase();
  if (Array.isArray(appOverrides)) {
    for (const o of appOverrides) {
      if (!isObject(o) || typeof o.app !== 'string' || o.app.trim() === '' || rules.has(key(o.app))) continue;
      const app = o.app.trim().slice(0, 200);
      rules.set(key(app), { name: app.slice(0, 60), app, ...(o.paste === false ? { paste: 'off' } : {}), ...(typeof o.shortcut === 'string' && o.shortcut.trim() ? { shortcut: o.shortcut.trim().slice(0, 100) } : {}) });
    }
  }
  if (Array.isArray(terminalApps)) {
    for (const t of terminalApps) {
      if (typeof t !== 'string' || t.trim() === '') continue;
      const app = t.trim().slice(0, 200);
      const existing = rules.get(key(app));
      rules.set(key(app), { ...(existing ?? { name: app.slice(0, 60), app }), style: 'shell' });
    }
  }
  const profiles = isObject(input.profiles) ? input.profiles : {};
  const kept = Array.isArray(profiles.rules) ? profiles.rules : [];
  return { ...input, output: rest, profiles: { ...profiles, rules: [...kept, ...rules.values()].slice(0, MAX_RULES) } };
}
