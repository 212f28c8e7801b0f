// Walks every setting in the schema (patches generated from its shape) through settings.update on the full web-host
// composition: each change is either observably applied at once or answered with restartRequired naming it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { settingsSchema } from '../../main/config/schema.js';
import { storableSettings } from '../../main/app/settings-view.js';
import { startHarness, type Harness } from '../support/app-harness.js';

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

interface Leaf {
  path: string[];
  schema: AnySchema;
}

/** The schema's leaves: objects are walked, wrappers (default, prefault, optional, nullable) looked through. */
function leavesOf(schema: AnySchema, path: string[] = []): Leaf[] {
  const def = schema._zod.def;
  if (def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable') {
    const inner = leavesOf(def.innerType as AnySchema, path);
    return inner.length === 1 && inner[0]?.path === path ? [{ path, schema }] : inner;
  }
  if (def.type === 'object') return Object.entries(def.shape as Record<string, AnySchema>).flatMap(([k, s]) => leavesOf(s, [...path, k]));
  return [{ path, schema }];
}

function innermost(schema: AnySchema): AnySchema {
  let s = schema;
  while (['default', 'prefault', 'optional', 'nullable'].includes(s._zod.def.type)) s = s._zod.def.innerType as AnySchema;
  return s;
}

function getAt(obj: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function nested(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((v, k) => ({ [k]: v }), value) as Record<string, unknown>;
}

function setAt(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(obj);
  let o = copy;
  for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[path.at(-1) as string] = value;
  return copy;
}

/** Values of the leaf's type that differ from the current one; the first the whole schema accepts is used. */
function candidates(leaf: Leaf, current: unknown, ctx: { baseUrl: string; dir: string }): unknown[] {
  const inner = innermost(leaf.schema);
  const name = leaf.path.at(-1) ?? '';
  switch (inner._zod.def.type) {
    case 'boolean':
      return [!current];
    case 'number': {
      const n = typeof current === 'number' ? current : 0;
      return [n + 1, n * 2, n / 2, n - 1, 0.5, 1000].filter((v) => v !== current);
    }
    case 'enum':
      return Object.values(inner._zod.def.entries as Record<string, string>).filter((v) => v !== current);
    case 'string':
      if (name === 'url') return ['redis://127.0.0.1:1'];
      if (name === 'accelerator') return ['CommandOrControl+Shift+K'];
      if (name === 'projectDir' || name === 'dataDir') return [ctx.dir];
      return [`${String(current ?? 'x')}-changed`];
    case 'array':
      if (name === 'instances') return [[{ name: 'second', baseUrl: ctx.baseUrl, weight: 2 }]];
      if (name === 'rules') return [[{ name: 'Kitty', app: 'kitty', style: 'shell' }]];
      if (name === 'spoken') return [['en-US', 'fr']];
      return [];
    default:
      return [];
  }
}

describe('every setting applies at once or settings.update says a restart is needed', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-walk-'));
    h = await startHarness({ host: 'web', prewarm: false });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks each leaf of the schema', async () => {
    const leaves = leavesOf(settingsSchema as unknown as AnySchema);
    expect(leaves.length).toBeGreaterThan(60);
    const seen = { live: [] as string[], restart: [] as string[] };
    const dashboards: number[] = [];
    h.app.events.subscribe((event) => {
      if (event === 'dashboard.update') dashboards.push(Date.now());
    });
    for (const leaf of leaves) {
      const key = leaf.path.join('.');
      const stored = storableSettings(h.app.settings) as unknown as Record<string, unknown>;
      const value = candidates(leaf, getAt(h.app.settings, leaf.path), { baseUrl: h.sim.baseUrl, dir }).find((v) => settingsSchema.safeParse(setAt(stored, leaf.path, v)).success);
      expect(value, `a valid new value for ${key}`).toBeDefined();
      const outcome = await h.app.router.call('settings.update', { patch: nested(leaf.path, value) }, { clientId: 'walk' });
      expect(outcome.ok, `settings.update of ${key}: ${outcome.ok ? '' : outcome.error.message}`).toBe(true);
      const answer = (outcome as { result: { restartRequired: boolean; restartFor: string[] } }).result;
      // Restart-only changes stay pending (and named) until the restart, so earlier ones are listed too.
      expect(answer.restartRequired).toBe(answer.restartFor.length > 0);
      expect(answer.restartFor).toEqual(expect.arrayContaining(seen.restart));
      if (answer.restartFor.includes(key)) {
        seen.restart.push(key);
        continue;
      }
      seen.live.push(key);
      // Applied: the settings object every part reads holds the new value (keys aside) ...
      const applied = getAt(h.app.settings, leaf.path);
      if (key === 'gemini.instances') expect((applied as Array<{ name: string }>).map((i) => i.name)).toEqual(['second']);
      else expect(applied, `${key} applied at once`).toEqual(value);
      // ... and where a part built something from it at start, that part was rebuilt.
      await OBSERVERS[key]?.(h, value, dashboards);
    }
    // The table is not one-sided: both kinds exist, and the ones the issue names are live.
    expect(seen.restart).toEqual(expect.arrayContaining(['cache.l1.maxBytes', 'store.readConnections', 'app.port']));
    expect(seen.live).toEqual(expect.arrayContaining(['privacy.projectVocabulary', 'vocabulary.projectDir', 'monitor.dashboardIntervalMs', 'speculation.enabled', 'output.mode', 'budgets.total.maxMs', 'cache.resultTtlMs', 'gemini.models.codegen', 'pool.max']));
  }, 120_000);
});

const OBSERVERS: Record<string, (h: Harness, value: unknown, dashboards: number[]) => Promise<void>> = {
  // Generation uses the new model at once (the simulator counts requests by model).
  'gemini.models.codegen': async (h, value) => {
    await h.app.runText({ text: 'write a function that adds two numbers', noCache: true }, () => undefined).catch(() => undefined);
    expect(h.sim.stats().rest.requestsByModel[value as string] ?? 0).toBeGreaterThan(0);
  },
  // The dashboard timer was restarted with the new interval: set it short and see pushes arrive.
  'monitor.dashboardIntervalMs': async (h, _value, dashboards) => {
    // 1 s is the shortest a repeating interval may be (issue 18's bounds).
    const outcome = await h.app.router.call('settings.update', { patch: { monitor: { dashboardIntervalMs: 1_000 } } }, { clientId: 'walk' });
    expect(outcome.ok && (outcome.result as { restartFor: string[] }).restartFor).not.toContain('monitor.dashboardIntervalMs');
    const before = dashboards.length;
    await new Promise((r) => setTimeout(r, 2_600));
    expect(dashboards.length - before).toBeGreaterThanOrEqual(2);
    await h.app.router.call('settings.update', { patch: { monitor: { dashboardIntervalMs: 30_000 } } }, { clientId: 'walk' });
  },
  // The pool reports the new bounds (it was rebuilt from them).
  'pool.max': async (h, value) => {
    const dashboard = await h.app.router.call('dashboard.get', {}, { clientId: 'walk' });
    expect(dashboard.ok && (dashboard.result as { pool: { max: number } }).pool.max).toBe(value);
  },
};

describe('privacy.keepAudio is gone (audio is never kept)', () => {
  it('a stored keepAudio from an older version loads and is dropped; Settings never shows it', async () => {
    const h = await startHarness({ host: 'web', settings: { privacy: { keepAudio: true, clipboardContext: true } } as never });
    try {
      const outcome = await h.app.router.call('settings.get', {}, { clientId: 'walk' });
      const privacy = (outcome as { result: { privacy: Record<string, unknown> } }).result.privacy;
      expect(privacy.clipboardContext).toBe(true);
      expect('keepAudio' in privacy).toBe(false);
    } finally {
      await h.close();
    }
  });
});
