// Builds the typed settings object from stored settings and environment overrides; errors name the bad key.
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { MIGRATED_MODELS } from './models.js';
import { migrateProfiles } from './profile-migration.js';
import { settingsSchema, type Settings } from './schema.js';

/**
 * Settings are parsed a few times at start and on a save, never per request: zod's compiled fast path (new Function
 * for every nested object, ~100 ms of CPU on the first parse) would cost more than it ever saves, before the app is
 * ready to dictate (test/bench/suites/footprint.ts).
 */
export const SETTINGS_PARSE = { jitless: true } as const;

/** The environment variables the app reads (contract in ARCHITECTURE.md). */
export interface ConfigEnv {
  GEMINI_API_KEY?: string;
  VOICE_CODEGEN_GEMINI_BASE_URL?: string;
  REDIS_URL?: string;
  VOICE_CODEGEN_DATA_DIR?: string;
  VOICE_CODEGEN_PORT?: string;
  /** Signs and namespaces the shared Redis tier; without it (or one saved in Settings) REDIS_URL alone enables nothing. */
  VOICE_CODEGEN_TEAM_SECRET?: string;
}

export function pickConfigEnv(env: Record<string, string | undefined>): ConfigEnv {
  const keys: Array<keyof ConfigEnv> = ['GEMINI_API_KEY', 'VOICE_CODEGEN_GEMINI_BASE_URL', 'REDIS_URL', 'VOICE_CODEGEN_DATA_DIR', 'VOICE_CODEGEN_PORT', 'VOICE_CODEGEN_TEAM_SECRET'];
  const out: ConfigEnv = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

const MAX_ISSUES_SHOWN = 5;

/** Explains zod issues with the setting's dotted path and, for enums, the allowed values. */
export function describeIssues(error: z.ZodError): string {
  // A hostile value (a list of 70,000 bad entries) yields one issue per entry: name the first few, count the rest.
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN);
  const more = error.issues.length - shown.length;
  return shown
    .map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      const allowed = 'values' in issue && Array.isArray(issue.values) ? ` (allowed: ${issue.values.map(String).join(', ')})` : '';
      return `setting "${key}": ${issue.message}${allowed}`;
    })
    .join('; ')
    .concat(more > 0 ? `; and ${more} more` : '');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function migrateModels(models: unknown): unknown {
  if (!isObject(models)) return models;
  const out: Json = { ...models };
  for (const [field, name] of Object.entries(out)) if (typeof name === 'string' && MIGRATED_MODELS[name] !== undefined) out[field] = MIGRATED_MODELS[name];
  return out;
}

/**
 * Stored settings may name a model Google has deprecated (`gemini-3.5-flash`, forwarded to 3.6 Flash): such names
 * become the current default (models.ts MIGRATED_MODELS), in the models and in each instance's. Returns a copy.
 */
export function migrateStoredSettings(stored: unknown): unknown {
  if (!isObject(stored)) return stored;
  // output.terminalApps and output.appOverrides became profiles.rules (profile-migration.ts).
  const input = migrateProfiles(stored);
  if (!isObject(input.gemini)) return input;
  const gemini: Json = { ...input.gemini };
  if (gemini.models !== undefined) gemini.models = migrateModels(gemini.models);
  if (Array.isArray(gemini.instances)) gemini.instances = gemini.instances.map((i: unknown) => (isObject(i) && i.models !== undefined ? { ...i, models: migrateModels(i.models) } : i));
  return { ...input, gemini };
}

export function parseSettings(input: unknown): Settings {
  const result = settingsSchema.safeParse(migrateStoredSettings(input ?? {}), SETTINGS_PARSE);
  if (!result.success) {
    throw new AppError('CONFIG', `Invalid settings: ${describeIssues(result.error)}. Fix the value or remove it to use the default.`, {
      cause: result.error,
    });
  }
  return result.data;
}

/**
 * Applies the environment on top of stored settings. GEMINI_API_KEY and VOICE_CODEGEN_GEMINI_BASE_URL
 * define the first Gemini instance and override its stored values.
 *
 * GEMINI_API_KEY is bound to the endpoint it was given for: VOICE_CODEGEN_GEMINI_BASE_URL when set, Google otherwise.
 * A base URL saved in Settings (perhaps by a hostile page) never receives it: the instance gets no key and `notes`
 * says why (issue 18, finding 2).
 */
export function loadConfig(stored: unknown, envInput: ConfigEnv = {}, notes?: string[]): Settings {
  const settings = parseSettings(stored);
  const env = pickConfigEnv(envInput as Record<string, string | undefined>);
  if (env.GEMINI_API_KEY !== undefined || env.VOICE_CODEGEN_GEMINI_BASE_URL !== undefined) {
    const [first, ...rest] = settings.gemini.instances;
    const base = first ?? { name: 'default', weight: 1 };
    const storedUrl = 'baseUrl' in base ? base.baseUrl : undefined;
    const keyFits = env.VOICE_CODEGEN_GEMINI_BASE_URL !== undefined || storedUrl === undefined;
    if (env.GEMINI_API_KEY !== undefined && !keyFits) notes?.push(envKeyWithheld(base.name, storedUrl ?? ''));
    settings.gemini.instances = [
      {
        ...base,
        ...(env.GEMINI_API_KEY !== undefined && keyFits ? { apiKey: env.GEMINI_API_KEY } : {}),
        ...(env.VOICE_CODEGEN_GEMINI_BASE_URL !== undefined ? { baseUrl: env.VOICE_CODEGEN_GEMINI_BASE_URL } : {}),
      },
      ...rest,
    ];
  }
  if (env.REDIS_URL !== undefined) settings.cache.l2.url = env.REDIS_URL;
  if (env.VOICE_CODEGEN_DATA_DIR !== undefined) settings.app.dataDir = env.VOICE_CODEGEN_DATA_DIR;
  if (env.VOICE_CODEGEN_PORT !== undefined) {
    const port = Number(env.VOICE_CODEGEN_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new AppError('CONFIG', `VOICE_CODEGEN_PORT must be a port number from 0 to 65535, got "${env.VOICE_CODEGEN_PORT}".`);
    }
    settings.app.port = port;
  }
  return parseSettings(settings);
}

/**
 * The team secret from the environment, kept out of Settings on purpose: settings are stored in SQLite and shown to
 * the renderer, the secret must be neither. Surrounding whitespace (a trailing newline from a file) is not part of it.
 */
export function teamSecretFromEnv(envInput: ConfigEnv): string | undefined {
  const value = pickConfigEnv(envInput as Record<string, string | undefined>).VOICE_CODEGEN_TEAM_SECRET?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Said to the user when GEMINI_API_KEY is kept from a base URL it was not given for. */
export function envKeyWithheld(instance: string, baseUrl: string): string {
  return `GEMINI_API_KEY is not sent to ${baseUrl.slice(0, 200)}, the base URL saved in Settings for instance "${instance.slice(0, 100)}": the key is for Google (or VOICE_CODEGEN_GEMINI_BASE_URL when set). Enter a key for that endpoint in Settings, or clear the base URL.`;
}

export { settingsSchema };
export type { Settings };
