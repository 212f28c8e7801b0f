// Settings bounds (issue 18, finding 5): harmful values are refused on update with CONFIG naming the setting and its
// range, and a stored harmful value loads as the default with a warning.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { AppError } from '../../main/core/errors.js';
import { applySettingsPatch } from '../../main/app/settings-view.js';
import { salvageSettings } from '../../main/store/settings.js';

const defaults = parseSettings({});

function refusal(patch: Record<string, unknown>): AppError {
  try {
    applySettingsPatch(defaults, patch);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`patch was accepted: ${JSON.stringify(patch).slice(0, 200)}`);
}

describe('settings bounds on update', () => {
  it('refuses monitor.reportIntervalMs 0 (18,628 report rows in 23 s) with CONFIG naming the setting and the range', () => {
    const e = refusal({ monitor: { reportIntervalMs: 0 } });
    expect(e.code).toBe('CONFIG');
    expect(e.message).toContain('monitor.reportIntervalMs');
    expect(e.message).toMatch(/from [\d,]+ to [\d,]+/);
  });

  it('refuses monitor.dashboardIntervalMs 0 (726 dashboard events/s per client)', () => {
    const e = refusal({ monitor: { dashboardIntervalMs: 0 } });
    expect(e.code).toBe('CONFIG');
    expect(e.message).toContain('monitor.dashboardIntervalMs');
    expect(e.message).toMatch(/from 1,000 to/);
  });

  it('refuses every repeating interval under 1 s', () => {
    for (const patch of [
      { monitor: { memory: { intervalMs: 999 } } },
      { monitor: { memory: { fastIntervalMs: 10 } } },
      { pool: { maintenanceIntervalMs: 0 } },
      { cache: { l3: { pruneIntervalMs: 500 } } },
    ]) {
      const e = refusal(patch);
      expect(e.code).toBe('CONFIG');
      expect(e.message).toMatch(/intervalMs": must be a whole number from 1,000 to/i);
    }
  });

  it('refuses pool.min 10 with pool.max 2 instead of clamping it', () => {
    const e = refusal({ pool: { min: 10, max: 2 } });
    expect(e.code).toBe('CONFIG');
    expect(e.message).toContain('pool.min');
    expect(e.message).toContain('pool.max');
  });

  it('refuses a 7 MB terminalApps list (migrated to profiles.rules), and an over-long entry', () => {
    const big = Array.from({ length: 70_000 }, (_, i) => `terminal-app-${i}-${'x'.repeat(80)}`);
    const e = refusal({ output: { terminalApps: big } });
    expect(e.code).toBe('CONFIG');
    expect(e.message).toContain('profiles.rules');
    expect(e.message.length).toBeLessThan(2_000);
    expect(refusal({ output: { terminalApps: ['x'.repeat(10_000)] } }).message).toContain('profiles.rules.0.app');
    expect(refusal({ profiles: { rules: [{ name: 'x', title: 'x'.repeat(10_000) }] } }).message).toContain('profiles.rules.0.title');
  });

  it('refuses a budget whose target is above its maximum', () => {
    const e = refusal({ budgets: { total: { targetMs: 5000, maxMs: 4000 } } });
    expect(e.message).toContain('budgets.total.targetMs');
  });

  it('accepts values inside the bounds', () => {
    const next = applySettingsPatch(defaults, { monitor: { reportIntervalMs: 60_000, dashboardIntervalMs: 1_000 }, pool: { min: 2, max: 2 } });
    expect(next.monitor.reportIntervalMs).toBe(60_000);
    expect(next.pool).toMatchObject({ min: 2, max: 2 });
  });
});

describe('settings bounds on load', () => {
  it('repairs a stored harmful value to its default, with a warning naming the setting', () => {
    const { settings, warnings } = salvageSettings({ monitor: { reportIntervalMs: 0, dashboardIntervalMs: 0 }, language: { default: 'python' } });
    expect(settings.monitor.reportIntervalMs).toBe(defaults.monitor.reportIntervalMs);
    expect(settings.monitor.dashboardIntervalMs).toBe(defaults.monitor.dashboardIntervalMs);
    expect(settings.language.default).toBe('python');
    expect(warnings.join(' ')).toContain('monitor.reportIntervalMs');
    expect(warnings.join(' ')).toContain('monitor.dashboardIntervalMs');
  });

  it('repairs a stored pool.min above pool.max to defaults that fit together', () => {
    const { settings, warnings } = salvageSettings({ pool: { min: 10, max: 2 } });
    expect(settings.pool.min).toBeLessThanOrEqual(settings.pool.max);
    expect(warnings.join(' ')).toContain('pool.min');
  });
});
