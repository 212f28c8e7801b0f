// Property (issue 18): any settings patch is applied within bounds or refused with CONFIG naming the setting; no accepted
// patch makes a repeating interval shorter than 1 s; what update accepts, load accepts unchanged (the same schema).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, storableSettings } from '../../main/app/settings-view.js';
import { parseSettings } from '../../main/config/load.js';
import { REPEATING_INTERVALS, settingsSchema, type Settings } from '../../main/config/schema.js';
import { AppError } from '../../main/core/errors.js';
import { salvageSettings } from '../../main/store/settings.js';
import { propertyParams } from '../support/fault-helpers.js';

const defaults = parseSettings({});

/** Dotted paths of every setting (arrays count as one value), plus each section as a whole. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const inner = Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
    return prefix.length > 0 ? [prefix, ...inner] : inner;
  }
  return [prefix];
}
const ALL_PATHS = [...paths(defaults), ['gemini', 'instances', '0', 'baseUrl'], ['pool', 'min'], ['pool', 'max']];

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);

function patchOf(path: readonly string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] = /^\d+$/.test(path[i + 1] ?? '') ? ({} as Record<string, unknown>) : {}) as Record<string, unknown>;
  });
  // An instance path becomes a one-element list (the renderer sends whole lists).
  const gemini = root.gemini as Record<string, unknown> | undefined;
  if (gemini && gemini.instances && !Array.isArray(gemini.instances)) gemini.instances = [{ name: 'default', ...(gemini.instances as Record<string, Record<string, unknown>>)['0'] }];
  return root;
}

/** Values aimed at the bounds: zero, just under and over 1 s, huge, negative, fractional, wrong types, long text and lists. */
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, 1, 999, 1_000, 1_001, 59_999, 60_000, -1, 0.5, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 10, 2, 50, 51, 65_536),
  fc.integer({ min: -1_000_000, max: 1e10 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', 'python', 'toggle', 'http://127.0.0.1:9/', 'redis://x:y@h:1', 'x'.repeat(5_000)),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 300 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const patchArb = fc.array(fc.tuple(fc.constantFrom(...ALL_PATHS), valueArb), { minLength: 1, maxLength: 3 });

function expectWithinBounds(s: Settings): void {
  expect(settingsSchema.safeParse(s).success).toBe(true);
  for (const path of REPEATING_INTERVALS) expect(at(s, path) as number, path.join('.')).toBeGreaterThanOrEqual(1_000);
  expect(s.pool.min).toBeLessThanOrEqual(s.pool.max);
}

describe('settings patches', { timeout: 120_000 }, () => {
  it('are applied within bounds or refused with CONFIG naming a patched setting', () => {
    fc.assert(
      fc.property(patchArb, (entries) => {
        let patch: Record<string, unknown> = {};
        for (const [path, value] of entries) patch = mergeInto(patch, patchOf(path, value));
        let next: Settings;
        try {
          next = applySettingsPatch(defaults, structuredClone(patch));
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          const e = error as AppError;
          expect(e.code).toBe('CONFIG');
          const named = entries.some(([path]) => {
            const dotted = path.filter((k) => !/^\d+$/.test(k)).join('.');
            return e.message.includes(`"${dotted}`) || new RegExp(`"${dotted.split('.').slice(0, -1).join('\\.')}[".]`).test(e.message);
          });
          expect(named, e.message).toBe(true);
          expect(e.message).toMatch(/must|expected|Invalid/);
          expect(e.message.length).toBeLessThan(4_000);
          return;
        }
        expectWithinBounds(next);
        for (const [path, value] of entries) {
          if (typeof value === 'number' || typeof value === 'boolean') {
            // A later entry for the same path wins; only check the last one written.
            const last = [...entries].reverse().find(([p]) => p.join('.') === path.join('.'));
            // A later entry below this path (gemini=false, then gemini.models.live=...) replaces it with an object.
            const lastIndex = entries.lastIndexOf(last as (typeof entries)[number]);
            const replaced = entries.slice(lastIndex + 1).some(([p]) => p.length > path.length && path.every((k, i) => p[i] === k));
            if (last?.[1] === value && !replaced && !path.includes('instances')) expect(at(next, path)).toEqual(value);
          }
        }
        // The same schema on load: what update accepted loads back unchanged and without warnings.
        const loaded = salvageSettings(JSON.parse(JSON.stringify(storableSettings(next))));
        expect(loaded.warnings).toEqual([]);
        expect(loaded.settings).toEqual(storableSettings(next));
      }),
      propertyParams(1_000),
    );
  });

  it('stored the same way (as a hostile renderer might have saved them before bounds), load repairs them within bounds', () => {
    fc.assert(
      fc.property(patchArb, (entries) => {
        let stored: Record<string, unknown> = JSON.parse(JSON.stringify(defaults)) as Record<string, unknown>;
        for (const [path, value] of entries) stored = mergeInto(stored, patchOf(path, value));
        const loaded = salvageSettings(stored);
        expectWithinBounds(loaded.settings);
      }),
      propertyParams(500),
    );
  });
});

function mergeInto(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] = b !== null && typeof b === 'object' && !Array.isArray(b) && v !== null && typeof v === 'object' && !Array.isArray(v) ? mergeInto(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
