// Settings files that are corrupt, half-valid, or written by another version always load as valid settings plus
// warnings that say what was reset; values that were fine are kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsSchema, type Settings } from '../../main/config/schema.js';
import { silentLogger } from '../../main/core/logger.js';
import { Database } from '../../main/store/database.js';
import { SETTINGS_VERSION, SettingsStore, salvageSettings } from '../../main/store/settings.js';
import { propertyParams } from '../support/fault-helpers.js';

/** Settings a user could have saved: the defaults with some valid choices changed. */
const validSettingsArb = fc
  .record({
    language: fc.constantFrom('python', 'go', 'rust', 'typescript'),
    mode: fc.constantFrom('push-to-talk', 'toggle'),
    accelerator: fc.constantFrom('Alt+Space', 'CommandOrControl+Shift+Space', 'F9'),
    clipboardContext: fc.boolean(),
    poolMax: fc.integer({ min: 1, max: 8 }),
    l1: fc.integer({ min: 1, max: 1 << 30 }),
    stableMs: fc.integer({ min: 20, max: 2000 }),
    output: fc.constantFrom('clipboard', 'paste', 'both'),
  })
  .map((v) =>
    settingsSchema.parse({
      language: { default: v.language },
      hotkey: { mode: v.mode, accelerator: v.accelerator },
      privacy: { clipboardContext: v.clipboardContext },
      pool: { max: v.poolMax },
      cache: { l1: { maxBytes: v.l1 } },
      speculation: { stableMs: v.stableMs },
      output: { mode: v.output },
    }),
  );

/** Dotted paths of every scalar in a settings object, arrays excluded (their elements have no stable path). */
function leaves(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  return [prefix];
}

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function setAt(target: Record<string, unknown>, path: readonly string[], v: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = v;
}

/** Values no setting accepts. */
const garbageArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, -0.5, 1e308, Number.NaN, 'not a number', '', true, null, [], {}, 'fast', 'ΩΩΩ'),
  fc.string({ maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
);

function expectUsable(loaded: { settings: Settings; warnings: string[] }): void {
  expect(settingsSchema.safeParse(loaded.settings).success).toBe(true);
  expect(Array.isArray(loaded.warnings)).toBe(true);
  for (const w of loaded.warnings) {
    expect(typeof w).toBe('string');
    expect(w.length).toBeGreaterThan(10);
  }
}

describe('stored settings that are corrupt or outdated', { timeout: 120_000 }, () => {
  it('anything at all (JSON or not) salvages to valid settings plus readable warnings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object({ key: fc.constantFrom('gemini', 'cache', 'hotkey', 'pool', '__proto__', 'constructor', 'x') })), (stored) => {
        expectUsable(salvageSettings(stored));
      }),
      propertyParams(1000),
    );
  });

  it('one bad value resets that value only: every other saved choice is kept, and a warning names the setting', () => {
    fc.assert(
      fc.property(validSettingsArb, fc.nat(), garbageArb, (valid, pick, garbage) => {
        const stored = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
        const paths = leaves(valid);
        const target = paths[pick % paths.length] as string[];
        setAt(stored, target, garbage);
        const parsedAsIs = settingsSchema.safeParse(stored);
        const loaded = salvageSettings(stored);
        expectUsable(loaded);
        if (parsedAsIs.success) return; // the "garbage" happened to be valid for this setting
        expect(loaded.warnings.join(' ')).toContain(target.slice(0, 1).join('.'));
        for (const path of paths) {
          if (path.join('.') === target.join('.')) continue;
          expect(at(loaded.settings, path), path.join('.')).toEqual(at(valid, path));
        }
      }),
      propertyParams(500),
    );
  });

  describe('through the settings table', () => {
    let dir: string;
    let db: Database;
    let store: SettingsStore;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'vcg-settings-prop-'));
      db = Database.open({ file: join(dir, 'app.db'), logger: silentLogger });
      store = new SettingsStore(db);
    });
    afterAll(() => {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const write = (version: number, json: string): Promise<unknown> =>
      db.run('INSERT INTO settings (id, version, json, updated_at) VALUES (1, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET version = excluded.version, json = excluded.json', [version, json]);

    it('rows of any version holding damaged JSON, random JSON or valid settings load as valid settings', async () => {
      const jsonText = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        validSettingsArb.map((s) => JSON.stringify(s)),
        validSettingsArb.chain((s) => fc.nat({ max: JSON.stringify(s).length }).map((cut) => JSON.stringify(s).slice(0, cut))),
        fc.string({ unit: 'binary', maxLength: 200 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, SETTINGS_VERSION, SETTINGS_VERSION + 1, 99, -1), jsonText, async (version, json) => {
          await write(version, json);
          const loaded = store.load();
          expectUsable(loaded);
          const parses = ((): boolean => {
            try {
              JSON.parse(json);
              return true;
            } catch {
              return false;
            }
          })();
          if (!parses) expect(loaded.warnings.join(' ')).toMatch(/damaged/);
          else if (version > SETTINGS_VERSION) expect(loaded.warnings.join(' ')).toMatch(/newer version/);
        }),
        propertyParams(300),
      );
    });

    it('settings saved by this version load back unchanged and without warnings', async () => {
      await fc.assert(
        fc.asyncProperty(validSettingsArb, async (valid) => {
          await store.save(valid);
          expect(store.load()).toEqual({ settings: valid, warnings: [] });
        }),
        propertyParams(100),
      );
    });
  });
});
