// The Gemini instances Settings edits: rows from the settings main sends (keys never: only whether one is set), checks, and the patch.

/** One row of the editor. key is what the user typed now (write-only); hasKey says whether main holds one. */
export interface InstanceRow {
  name: string;
  baseUrl: string;
  model: string;
  key: string;
  hasKey: boolean;
  /** What main sent for this instance (weight, other model overrides), kept as they were. */
  rest: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function instanceRows(settings: Record<string, unknown> | null): InstanceRow[] {
  const gemini = settings?.['gemini'];
  const list = isObject(gemini) && Array.isArray(gemini['instances']) ? (gemini['instances'] as unknown[]) : [];
  return list.filter(isObject).map((i) => {
    const { name, baseUrl, models, hasApiKey, apiKey: _never, ...rest } = i;
    return {
      name: typeof name === 'string' ? name : '',
      baseUrl: typeof baseUrl === 'string' ? baseUrl : '',
      model: isObject(models) && typeof models['codegen'] === 'string' ? models['codegen'] : '',
      key: '',
      hasKey: hasApiKey === true,
      rest: { ...rest, ...(isObject(models) ? { models } : {}) },
    };
  });
}

export function emptyRow(existing: readonly InstanceRow[]): InstanceRow {
  let n = existing.length + 1;
  while (existing.some((r) => r.name === `instance-${n}`)) n++;
  return { name: `instance-${n}`, baseUrl: '', model: '', key: '', hasKey: false, rest: { weight: 1 } };
}

const MAX_NAME = 100;

/** Problems by row index and field ("0.name"), empty when the list can be saved. */
export function checkRows(rows: readonly InstanceRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const name = r.name.trim();
    if (!name) errors[`${i}.name`] = 'Give the instance a name.';
    else if (name.length > MAX_NAME) errors[`${i}.name`] = `A name is at most ${MAX_NAME} characters.`;
    else if (seen.has(name)) errors[`${i}.name`] = `Another instance is already called "${name}".`;
    seen.add(name);
    if (r.baseUrl.trim() && !/^https?:\/\/[^\s]+$/i.test(r.baseUrl.trim())) errors[`${i}.baseUrl`] = 'The base URL must start with https:// (or http:// for a local proxy).';
    if (r.key && r.key.trim().length < 8) errors[`${i}.key`] = 'That does not look like a Gemini API key.';
  });
  return errors;
}

/** The settings patch for the list (no keys: those go to settings.setApiKey one by one). */
export function instancesPatch(rows: readonly InstanceRow[]): Record<string, unknown> {
  return {
    gemini: {
      instances: rows.map((r) => {
        const models = { ...(isObject(r.rest['models']) ? r.rest['models'] : {}) };
        if (r.model.trim()) models['codegen'] = r.model.trim();
        else delete models['codegen'];
        const { models: _m, ...rest } = r.rest;
        return { ...rest, name: r.name.trim(), ...(r.baseUrl.trim() ? { baseUrl: r.baseUrl.trim() } : {}), ...(Object.keys(models).length > 0 ? { models } : {}) };
      }),
    },
  };
}
