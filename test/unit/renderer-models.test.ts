// What the renderer derives from main's data: dashboard snapshots of any shape, settings patches, budgets and error advice.
import { describe, expect, it } from 'vitest';
import { budgetsFrom, judge } from '../../renderer/src/model/budgets.js';
import { readDashboard } from '../../renderer/src/model/dashboard-model.js';
import { errorHelp } from '../../renderer/src/model/error-help.js';
import { buildPatch, draftFrom } from '../../renderer/src/model/settings-fields.js';
import { applyPipelineEvent, beginRequest, INITIAL_DICTATION } from '../../renderer/src/model/dictation-state.js';
import { parseProfileLines, profileLines } from '../../renderer/src/model/profile-lines.js';

describe('dashboard model', () => {
  it('renders nothing but empties for an empty or odd snapshot', () => {
    const m = readDashboard({ stages: 'x', cache: null, pools: [1, 2], recentAlerts: [null, { message: 'm' }] });
    expect(m.stages).toEqual([]);
    expect(m.cache).toBeNull();
    expect(m.pools).toEqual([]);
    expect(m.alerts).toEqual([{ severity: 'WARNING', message: 'm', at: null }]);
    expect(m.report).toBeNull();
  });

  it('reads stages, cache tiers, memory (with thresholds from settings), the Live pool and the last report', () => {
    const m = readDashboard(
      {
        at: 1000, requests: 4, errors: 1,
        stages: { total: { count: 4, p50: 900, p95: 1800, p99: 2100 }, intent: { p50: 1 } },
        cache: { l1: 1, l2: 0, l3: 1, miss: 2, hitRate: 0.5 },
        cacheTiers: { tiers: { l1: { hits: 1, misses: 3 }, l2: { hits: 0, misses: 2, rejected: 2 } } },
        memory: { level: 'warning', usage: 0.83 },
        pool: { size: 2, idle: 1, min: 1, max: 4 },
        lastReport: { period: { from: 0, to: 3_600_000 }, requests: 9, recommendations: ['raise the pool', 3] },
      },
      null,
      { warning: 0.75, critical: 0.95 },
    );
    expect(m.stages.map((s) => s.stage)).toEqual(['intent', 'total']);
    expect(m.cache?.total).toBe(4);
    expect(m.tierRates).toEqual([{ tier: 'l1', hits: 1, misses: 3, hitRate: 0.25, rejected: 0 }, { tier: 'l2', hits: 0, misses: 2, hitRate: 0, rejected: 2 }]);
    expect(m.memory).toMatchObject({ usage: 0.83, warning: 0.75, critical: 0.95, level: 'warning' });
    expect(m.pools[0]).toEqual({ name: 'Warm Live sessions', size: 2, idle: 1, min: 1, max: 4, waiting: null });
    expect(m.report?.recommendations).toEqual(['raise the pool']);
  });

  it("reads the monitor's last hour per minute (the same after a reload: it is the monitor's, not the page's)", () => {
    const m = readDashboard({ at: 120_000, series: [{ at: 0, requests: 3, errors: 1, p50: { total: 300 }, p95: { total: 900, bogus: 1 } }, { at: 60_000, requests: 'x' }, 'junk'] });
    expect(m.minutes).toEqual([
      { at: 0, requests: 3, errors: 1, p50: { total: 300 }, p95: { total: 900 } },
      { at: 60_000, requests: 0, errors: 0, p50: {}, p95: {} },
    ]);
  });

  it('says in plain words how Gemini is: working, failing with the time of the next try, partly working', () => {
    const clock = (ms: number): string => `T+${ms / 1000}s`;
    const at = 1_000_000;
    const failing = readDashboard({ at, instances: [{ name: 'default', state: 'open', retryInMs: 14_000 }] }, null, undefined, clock);
    expect(failing.gemini).toEqual({ tone: 'bad', text: 'Gemini: failing, retry at T+1014s' });
    expect(failing.instances[0]?.state).toBe('failing, retry at T+1014s');
    expect(readDashboard({ at, instances: [{ name: 'a', state: 'closed' }] }, null, undefined, clock).gemini).toEqual({ tone: 'ok', text: 'Gemini: working' });
    const partly = readDashboard({ at, instances: [{ name: 'a', state: 'closed' }, { name: 'b', state: 'half-open' }] }, null, undefined, clock);
    expect(partly.gemini).toEqual({ tone: 'warn', text: 'Gemini: 1 of 2 instances working' });
    expect(partly.instances.map((i) => i.state)).toEqual(['working', 'trying again']);
  });

  it('shows the warm Live session pool once, however it is reported', () => {
    const m = readDashboard({ pools: { sessions: { size: 1, idle: 1, min: 1, max: 4 } }, pool: { size: 2, idle: 1, min: 1, max: 4 } });
    expect(m.pools.map((p) => p.name)).toEqual(['Warm Live sessions']);
  });
});

describe('settings form', () => {
  const settings = { gemini: { models: { codegen: 'm1' } }, cache: { l1: { maxBytes: 100 * 1024 * 1024, ttlMs: 60_000 }, l2: {} }, pool: { min: 1, max: 4 }, hotkey: { mode: 'push-to-talk' }, monitor: { dailyTokenCap: null } };

  it('sends only what changed, nested, in the units main stores', () => {
    const original = draftFrom(settings);
    expect(original['cache.l1.maxBytes']).toBe('100');
    expect(original['cache.l1.ttlMs']).toBe('60');
    const { patch, errors, changed } = buildPatch(original, { ...original, 'cache.l1.maxBytes': '64', 'cache.l1.ttlMs': '90', 'gemini.models.codegen': 'm2', 'cache.l2.url': '', 'monitor.dailyTokenCap': '' });
    expect(errors).toEqual({});
    expect(changed).toBe(3);
    expect(patch).toEqual({ cache: { l1: { maxBytes: 64 * 1024 * 1024, ttlMs: 90_000 } }, gemini: { models: { codegen: 'm2' } } });
  });

  it('refuses bad numbers and URLs with a message per field', () => {
    const original = draftFrom(settings);
    const { errors, changed } = buildPatch(original, { ...original, 'pool.min': '-1', 'pool.max': '2.5', 'cache.l2.url': 'localhost:6379' });
    expect(changed).toBe(0);
    expect(errors['pool.min']).toMatch(/at least 0/);
    expect(errors['pool.max']).toMatch(/whole number/);
    expect(errors['cache.l2.url']).toMatch(/redis:\/\//);
  });

  it('clears the token cap with null and the Redis URL with an empty string', () => {
    const original = draftFrom({ ...settings, cache: { ...settings.cache, l2: { url: 'redis://h:6379' } }, monitor: { dailyTokenCap: 1000 } });
    const { patch } = buildPatch(original, { ...original, 'cache.l2.url': '', 'monitor.dailyTokenCap': '' });
    expect(patch).toEqual({ cache: { l2: { url: '' } }, monitor: { dailyTokenCap: null } });
  });
});

describe('budgets and error advice', () => {
  it('judges a stage against its target and maximum, with budgets from settings when present', () => {
    const b = budgetsFrom({ budgets: { generation: { targetMs: 1000, maxMs: 2000 } } });
    expect(b.generation).toEqual({ targetMs: 1000, maxMs: 2000 });
    expect(b.total).toEqual({ targetMs: 2000, maxMs: 4000 });
    expect(judge(900, b.generation)).toBe('within-target');
    expect(judge(1500, b.generation)).toBe('over-target');
    expect(judge(2500, b.generation)).toBe('over-max');
  });

  it('says what to do for each error the user can act on', () => {
    expect(errorHelp({ code: 'NO_API_KEY', message: '', retryable: false }).advice).toMatch(/npm run demo/);
    expect(errorHelp({ code: 'QUOTA', message: '', retryable: true, retryAfterMs: 42_000 }).title).toMatch(/try again in 42 s/);
    expect(errorHelp({ code: 'QUOTA', message: '', retryable: true, retryAfterMs: 180_000 }).title).toMatch(/3 min/);
    expect(errorHelp({ code: 'MEMORY_PRESSURE', message: '', retryable: true }).title).toBe('Memory is low');
    expect(errorHelp({ code: 'NO_MICROPHONE', message: '', retryable: true }).advice).toMatch(/type the request/);
  });
});

describe('the app profile in the dictation state (issue 23)', () => {
  it('shows the profile main announces, and starts the next request without it', () => {
    const started = beginRequest(INITIAL_DICTATION, 'voice');
    const shown = applyPipelineEvent(started, { type: 'profile', profile: { id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell' } });
    expect(shown.profile).toEqual({ id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell' });
    expect(beginRequest(shown, 'voice').profile).toBeNull();
  });
});

describe('app profiles as lines in Settings (issue 23)', () => {
  it('round-trips rules and names the line of a mistake', () => {
    const rules = [{ name: 'Notebook', app: 'code', title: '*.ipynb - *', language: 'python', prompt: 'One cell | no prose' }, { name: 'KeePass', app: 'keepassxc', paste: 'off' }];
    const text = profileLines(rules);
    expect(text).toBe('Notebook | app=code | title=*.ipynb - * | language=python | prompt=One cell | no prose\nKeePass | app=keepassxc | paste=off');
    expect(parseProfileLines(text)).toEqual({ rules, errors: [] });
    expect(parseProfileLines('ok | app=x\nbad | style=fancy | app=y\nnopattern | style=shell').errors).toEqual(['line 2: style is code, shell or markdown.', 'line 3: give an app or a title pattern.']);
    expect(parseProfileLines(`long | title=${'x'.repeat(201)}`).errors[0]).toMatch(/longer than 200/);
  });
});
