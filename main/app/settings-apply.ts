// Which settings apply at once and which need a restart (one table), and copying the live ones into the running settings.
import type { Settings } from '../config/schema.js';

/**
 * Settings paths (a path covers everything under it) that the running app applies at once. Each is either read
 * where it is used (the pipeline's getters, the Electron host's output and hotkey), or re-applied by
 * createApp's onSettingsChanged (vocabulary, Gemini endpoints and the session pool, monitor intervals).
 * Everything else (cache sizes and tiers, the store's connections, the data dir and port, the monitor's alert
 * cooldown and error window) is built once at start: settings.update answers restartRequired for those.
 */
export const LIVE_SETTINGS: readonly string[] = [
  'gemini',
  'pool',
  'cache.resultTtlMs',
  'monitor.memory',
  'monitor.dashboardIntervalMs',
  'monitor.reportIntervalMs',
  'monitor.responseTimeAlertMs',
  'monitor.errorRateAlert',
  'monitor.dailyTokenCap',
  'budgets',
  'hotkey',
  'language',
  'output',
  'profiles',
  'privacy',
  'speculation',
  'vocabulary',
  'intent',
  'quality',
  // Read at launch by definition (what to do at the next start) or applied by the Electron host after each update.
  'app.startHidden',
  'app.launchAtLogin',
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLive(path: string): boolean {
  return LIVE_SETTINGS.some((live) => path === live || path.startsWith(`${live}.`));
}

/** Dotted paths of the leaves (or whole arrays) that differ between two settings objects. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** The changed settings that take effect only at the next start. */
export function restartPaths(before: Settings, after: Settings): string[] {
  return changedPaths(before, after).filter((p) => !isLive(p));
}

/**
 * Copies the live settings from `next` into `target` in place: parts hold references to sections (the memory
 * monitor to monitor.memory, the pipeline and monitor to budgets), so sections are updated, not replaced.
 */
export function applyLiveSettings(target: Settings, next: Settings): void {
  for (const path of LIVE_SETTINGS) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let to: Record<string, unknown> = target as unknown as Record<string, unknown>;
    let from: Record<string, unknown> = next as unknown as Record<string, unknown>;
    for (const k of keys) {
      to = to[k] as Record<string, unknown>;
      from = from[k] as Record<string, unknown>;
    }
    assignInPlace(to, last, from[last]);
  }
}

function assignInPlace(parent: Record<string, unknown>, key: string, value: unknown): void {
  const current = parent[key];
  if (!isObject(current) || !isObject(value)) {
    if (value === undefined) delete parent[key];
    else parent[key] = value;
    return;
  }
  for (const k of Object.keys(current)) if (!(k in value)) delete current[k];
  for (const [k, v] of Object.entries(value)) assignInPlace(current, k, v);
}
