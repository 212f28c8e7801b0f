// Stored settings: one JSON row with a version; damaged or outdated settings load as much as validates, plus warnings.
import { describeIssues, SETTINGS_PARSE } from '../config/load.js';
import { type Settings, settingsSchema } from '../config/schema.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Database, ReadQuery, WriteStatement } from './database.js';

/** Bump when the stored shape changes; add a step to UPGRADES for the old shape. */
export const SETTINGS_VERSION = 1;

/** version -> function turning settings stored at that version into the next version's shape. */
const UPGRADES: Record<number, (stored: Record<string, unknown>) => Record<string, unknown>> = {};

export interface LoadedSettings {
  settings: Settings;
  /** Said to the user: what was dropped or reset, and why. Empty when all was well. */
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function removePath(target: Record<string, unknown>, path: readonly PropertyKey[]): boolean {
  let node: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isObject(node) && !Array.isArray(node)) return false;
    node = (node as Record<PropertyKey, unknown>)[path[i] as PropertyKey];
  }
  const last = path[path.length - 1];
  if (last === undefined || (!isObject(node) && !Array.isArray(node))) return false;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete (node as Record<PropertyKey, unknown>)[last];
  return true;
}

/** Validates stored settings, dropping each invalid value (so its default applies) instead of losing them all. */
export function salvageSettings(stored: unknown): LoadedSettings {
  const warnings: string[] = [];
  if (!isObject(stored)) {
    return { settings: settingsSchema.parse({}, SETTINGS_PARSE), warnings: stored === undefined ? [] : ['Stored settings were not an object; defaults are used.'] };
  }
  const working = structuredClone(stored);
  // Each round removes at least one offending value, so the loop ends; the cap guards a pathological file.
  for (let round = 0; round < 100; round++) {
    const result = settingsSchema.safeParse(working, SETTINGS_PARSE);
    if (result.success) return { settings: result.data, warnings };
    warnings.push(`Reset to default: ${describeIssues(result.error)}`);
    let removed = false;
    for (const issue of result.error.issues) removed = removePath(working, issue.path) || removed;
    if (!removed) break;
  }
  warnings.push('Stored settings could not be repaired; defaults are used.');
  return { settings: settingsSchema.parse({}, SETTINGS_PARSE), warnings };
}

export class SettingsStore {
  private readonly read: ReadQuery<{ version: number; json: string }>;
  private readonly write: WriteStatement;
  private readonly clock: Clock;

  constructor(db: Database, options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
    // Settings are read on every request's context load and written rarely: a query-cache candidate.
    this.read = db.prepareRead(`SELECT version, json FROM settings WHERE id = 1`, { cacheTables: ['settings'] });
    this.write = db.prepareWrite(
      `INSERT INTO settings (id, version, json, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, json = excluded.json, updated_at = excluded.updated_at`,
    );
  }

  load(): LoadedSettings {
    const row = this.read.get();
    if (!row) return { settings: settingsSchema.parse({}, SETTINGS_PARSE), warnings: [] };
    let stored: unknown;
    try {
      stored = JSON.parse(row.json);
    } catch {
      return { settings: settingsSchema.parse({}, SETTINGS_PARSE), warnings: ['Stored settings were damaged (not valid JSON); defaults are used. Your next save replaces them.'] };
    }
    const warnings: string[] = [];
    if (row.version > SETTINGS_VERSION) {
      warnings.push(`Settings were saved by a newer version of Voice CodeGen (format ${row.version}); values this version does not understand are ignored.`);
    } else if (isObject(stored)) {
      for (let v = row.version; v < SETTINGS_VERSION; v++) stored = UPGRADES[v]?.(stored as Record<string, unknown>) ?? stored;
    }
    const salvaged = salvageSettings(stored);
    return { settings: salvaged.settings, warnings: [...warnings, ...salvaged.warnings] };
  }

  async save(settings: Settings, signal?: AbortSignal): Promise<void> {
    const valid = settingsSchema.parse(settings, SETTINGS_PARSE);
    await this.write.run([SETTINGS_VERSION, JSON.stringify(valid), this.clock.now()], signal);
  }
}
