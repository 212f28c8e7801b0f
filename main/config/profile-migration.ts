// Moves the settings that profiles replaced (output.terminalApps, output.appOverrides) into profiles.rules, keeping what users set.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

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
      const app = o.app.trim();
      rules.set(key(app), { name: app.slice(0, 60), app, ...(o.paste === false ? { paste: 'off' } : {}), ...(typeof o.shortcut === 'string' && o.shortcut.trim() ? { shortcut: o.shortcut.trim().slice(0, 100) } : {}) });
    }
  }
  if (Array.isArray(terminalApps)) {
    for (const t of terminalApps) {
      if (typeof t !== 'string' || t.trim() === '') continue;
      const app = t.trim();
      const existing = rules.get(key(app));
      rules.set(key(app), { ...(existing ?? { name: app.slice(0, 60), app }), style: 'shell' });
    }
  }
  const profiles = isObject(input.profiles) ? input.profiles : {};
  const kept = Array.isArray(profiles.rules) ? profiles.rules : [];
  // Nothing is cut: an entry or a list past the schema's bounds is refused (an update) or reset with a warning (stored),
  // as the old settings were; the schema's 400 rules hold the old 200 terminals and 200 overrides.
  return { ...input, output: rest, profiles: { ...profiles, rules: [...kept, ...rules.values()] } };
}
