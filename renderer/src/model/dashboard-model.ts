// Reads the monitor's dashboard snapshot (an open record in the contract) into what the view shows, tolerating missing fields.
import { STAGES, type Stage } from './budgets';

export interface StageStats {
  stage: Stage;
  count: number | null;
  p50: number;
  p95: number;
  p99: number;
}

export interface DashboardModel {
  at: number | null;
  uptimeMs: number | null;
  requests: number | null;
  errors: number | null;
  errorRate: number | null;
  tokens: { today: number; cap: number | null; costUsd: number | null; byKind: TokenKindRow[] } | null;
  stages: StageStats[];
  /** Lookups by tier (l1, l2, l3, miss) and the overall hit rate. */
  cache: { tiers: Array<{ tier: string; count: number }>; total: number; hitRate: number | null } | null;
  /** Each tier's own hits and misses (a miss in L1 may still hit L2). */
  /** rejected: entries read but refused (L2: not signed with the team secret; any tier: malformed). */
  tierRates: Array<{ tier: string; hits: number; misses: number; hitRate: number; rejected: number }>;
  instances: Array<{ name: string; state: string; latencyMs: number | null; errorRate: number | null; outstanding: number | null }>;
  memory: { usage: number; warning: number; critical: number; level: string | null; rssBytes: number | null } | null;
  resources: { cpuPercent: number | null; rssBytes: number | null; heapUsedBytes: number | null } | null;
  /** `waiting`: the pool's queue (requests waiting for one of its resources), null when the pool does not report it. */
  pools: Array<{ name: string; size: number; idle: number | null; min: number | null; max: number | null; waiting: number | null }>;
  alerts: Array<{ severity: string; message: string; at: number | null }>;
  /** The last hour minute by minute, as the monitor keeps it (a reload shows the same). */
  minutes: MinutePoint[];
  /** Gemini's state in plain words, from the instances' breakers. */
  gemini: { tone: 'ok' | 'warn' | 'bad'; text: string } | null;
  report: { from: number | null; to: number | null; requests: number | null; errorRate: number | null; p95Total: number | null; recommendations: string[] } | null;
}

/** Tokens and estimated cost since start for one kind of Gemini call. */
export interface TokenKindRow {
  kind: string;
  label: string;
  input: number;
  output: number;
  costUsd: number | null;
}

/** The kinds main reports (main/monitor/request-observation.ts TOKEN_KINDS), in the order a request uses them. */
export const TOKEN_KIND_LABELS: Readonly<Record<string, string>> = {
  transcription: 'Transcription (Live)',
  batch_transcription: 'Transcription (recorded)',
  intent_assist: 'Intent assist',
  generation: 'Code generation',
  speculation: 'Speculation (discarded)',
};

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function readStages(raw: unknown): StageStats[] {
  if (!isRec(raw)) return [];
  const out: StageStats[] = [];
  for (const stage of STAGES) {
    const s = raw[stage];
    if (!isRec(s)) continue;
    const p50 = num(s['p50']);
    const p95 = num(s['p95']);
    const p99 = num(s['p99']);
    if (p50 === null && p95 === null && p99 === null) continue;
    out.push({ stage, count: num(s['count']), p50: p50 ?? 0, p95: p95 ?? 0, p99: p99 ?? 0 });
  }
  return out;
}

function readCache(raw: unknown): DashboardModel['cache'] {
  if (!isRec(raw)) return null;
  const tiers: Array<{ tier: string; count: number }> = [];
  for (const tier of ['l1', 'l2', 'l3', 'miss']) {
    const n = num(raw[tier]) ?? (isRec(raw[tier]) ? num((raw[tier] as Rec)['hits']) : null);
    if (n !== null) tiers.push({ tier, count: n });
  }
  const total = tiers.reduce((a, t) => a + t.count, 0);
  const hitRate = num(raw['hitRate']) ?? (total > 0 ? (total - (tiers.find((t) => t.tier === 'miss')?.count ?? 0)) / total : null);
  if (tiers.length === 0 && hitRate === null) return null;
  return { tiers, total, hitRate };
}

export interface MemoryThresholds {
  warning: number;
  critical: number;
}

function readMemory(raw: unknown, fallback: DashboardModel['memory'], thresholds: MemoryThresholds): DashboardModel['memory'] {
  if (!isRec(raw)) return fallback;
  const usage = num(raw['usage']);
  if (usage === null) return fallback;
  return {
    usage,
    warning: num(raw['warning']) ?? num(raw['warningThreshold']) ?? thresholds.warning,
    critical: num(raw['critical']) ?? num(raw['criticalThreshold']) ?? thresholds.critical,
    level: str(raw['level']),
    rssBytes: num(raw['rssBytes']),
  };
}

function readReport(raw: unknown): DashboardModel['report'] {
  if (!isRec(raw)) return null;
  const period = isRec(raw['period']) ? raw['period'] : {};
  const stages = isRec(raw['stages']) ? raw['stages'] : {};
  const total = isRec(stages['total']) ? stages['total'] : {};
  const recs = Array.isArray(raw['recommendations']) ? raw['recommendations'].filter((r): r is string => typeof r === 'string') : [];
  return { from: num(period['from']), to: num(period['to']), requests: num(raw['requests']), errorRate: num(raw['errorRate']), p95Total: num(total['p95']), recommendations: recs };
}

function readTierRates(raw: unknown): DashboardModel['tierRates'] {
  const tiers = isRec(raw) && isRec(raw['tiers']) ? raw['tiers'] : null;
  if (!tiers) return [];
  return Object.entries(tiers).flatMap(([tier, t]) => {
    if (!isRec(t)) return [];
    const hits = num(t['hits']) ?? 0;
    const misses = num(t['misses']) ?? 0;
    return [{ tier, hits, misses, hitRate: num(t['hitRate']) ?? (hits + misses > 0 ? hits / (hits + misses) : 0), rejected: num(t['rejected']) ?? 0 }];
  });
}

function readTokenKinds(raw: unknown): TokenKindRow[] {
  if (!isRec(raw)) return [];
  const order = Object.keys(TOKEN_KIND_LABELS);
  return Object.entries(raw)
    .flatMap(([kind, t]) => {
      if (!isRec(t)) return [];
      const input = num(t['input']);
      const output = num(t['output']);
      if (input === null && output === null) return [];
      return [{ kind, label: TOKEN_KIND_LABELS[kind] ?? kind, input: input ?? 0, output: output ?? 0, costUsd: num(t['costUsd']) }];
    })
    .sort((a, b) => (order.indexOf(a.kind) + 1 || 99) - (order.indexOf(b.kind) + 1 || 99));
}

/** 12:04: when an open breaker lets the next request through. */
export function shortClock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function readInstances(raw: unknown, at: number | null, clock: (ms: number) => string): DashboardModel['instances'] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRec).map((i) => {
    const retryIn = num(i['retryInMs']);
    const state = instanceStateText(str(i['state']) ?? '?', retryIn !== null && at !== null ? at + retryIn : null, clock);
    return { name: str(i['name']) ?? '?', state, latencyMs: num(i['latencyMs']), errorRate: num(i['errorRate']), outstanding: num(i['outstanding']) };
  });
}

/** `memoryFallback` comes from memory.state events when the snapshot has no memory field. */
export function readDashboard(raw: Rec | null, memoryFallback: DashboardModel['memory'] = null, thresholds: MemoryThresholds = { warning: 0.8, critical: 0.9 }, clock: (ms: number) => string = shortClock): DashboardModel {
  const r = raw ?? {};
  const tokens = isRec(r['tokens']) ? r['tokens'] : null;
  const resources = isRec(r['resources']) ? r['resources'] : null;
  const pools = isRec(r['pools'])
    ? Object.entries(r['pools']).flatMap(([name, p]) => {
        if (isRec(p) && num(p['size']) !== null) return [{ name, size: num(p['size']) as number, idle: num(p['idle']), min: num(p['min']), max: num(p['max']), waiting: num(p['waiting']) }];
        if (num(p) !== null) return [{ name, size: num(p) as number, idle: null, min: null, max: null, waiting: null }];
        return [];
      })
    : [];
  const livePool = r['pool'];
  // The monitor's copy of the session pool (sampled every few seconds) and the live one are the same pool: one row.
  const sessions = pools.findIndex((p) => p.name === 'sessions');
  if (isRec(livePool) && num(livePool['size']) !== null) {
    if (sessions >= 0) pools.splice(sessions, 1);
    pools.unshift({ name: 'Warm Live sessions', size: num(livePool['size']) as number, idle: num(livePool['idle']), min: num(livePool['min']), max: num(livePool['max']), waiting: num(livePool['waiting']) });
  } else if (sessions >= 0) {
    (pools[sessions] as { name: string }).name = 'Warm Live sessions';
  }
  const rawAlerts = Array.isArray(r['recentAlerts']) ? r['recentAlerts'] : Array.isArray(r['alerts']) ? r['alerts'] : [];
  const alerts = rawAlerts.filter(isRec).map((a) => ({ severity: str(a['severity']) ?? 'WARNING', message: str(a['message']) ?? '', at: num(a['at']) }));
  return {
    at: num(r['at']),
    uptimeMs: num(r['uptimeMs']),
    requests: num(r['requests']),
    errors: num(r['errors']),
    errorRate: num(r['errorRate']),
    tokens: tokens && num(tokens['today']) !== null ? { today: num(tokens['today']) as number, cap: num(tokens['dailyCap']), costUsd: num(tokens['estimatedCostUsd']), byKind: readTokenKinds(tokens['byKind']) } : null,
    stages: readStages(r['stages']),
    cache: readCache(r['cache']),
    tierRates: readTierRates(r['cacheTiers']),
    instances: readInstances(r['instances'], num(r['at']), clock),
    memory: readMemory(r['memory'], memoryFallback, thresholds),
    resources: resources ? { cpuPercent: num(resources['cpuPercent']), rssBytes: num(resources['rssBytes']), heapUsedBytes: num(resources['heapUsedBytes']) } : null,
    pools,
    alerts: alerts.slice(-10).reverse(),
    minutes: readMinutes(r['series']),
    gemini: readGemini(r['instances'], num(r['at']), clock),
    report: readReport(r['lastReport'] ?? r['report']),
  };
}

export interface MinutePoint {
  /** Start of the minute, ms. */
  at: number;
  requests: number;
  errors: number;
  p50: Partial<Record<Stage, number>>;
  p95: Partial<Record<Stage, number>>;
}

function readStageMap(raw: unknown): Partial<Record<Stage, number>> {
  const out: Partial<Record<Stage, number>> = {};
  if (!isRec(raw)) return out;
  for (const stage of STAGES) {
    const v = num(raw[stage]);
    if (v !== null) out[stage] = v;
  }
  return out;
}

function readMinutes(raw: unknown): MinutePoint[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRec).flatMap((p) => {
    const at = num(p['at']);
    if (at === null) return [];
    return [{ at, requests: num(p['requests']) ?? 0, errors: num(p['errors']) ?? 0, p50: readStageMap(p['p50']), p95: readStageMap(p['p95']) }];
  });
}

/** A breaker's state as a user reads it: working, failing (and when the app tries again), trying again. */
export function instanceStateText(state: string, retryAt: number | null, clock: (ms: number) => string): string {
  if (state === 'closed') return 'working';
  if (state === 'half-open') return 'trying again';
  if (state === 'open') return retryAt !== null ? `failing, retry at ${clock(retryAt)}` : 'failing';
  return state;
}

function readGemini(raw: unknown, at: number | null, clock: (ms: number) => string): DashboardModel['gemini'] {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const list = raw.filter(isRec).map((i) => ({ state: str(i['state']) ?? '?', retryIn: num(i['retryInMs']) }));
  const open = list.filter((i) => i.state === 'open');
  const retryAt = (i: { retryIn: number | null }): number | null => (i.retryIn !== null && at !== null ? at + i.retryIn : null);
  if (open.length === list.length) {
    const soonest = open.map(retryAt).filter((v): v is number => v !== null).sort((a, b) => a - b)[0] ?? null;
    return { tone: 'bad', text: `Gemini: ${instanceStateText('open', soonest, clock)}` };
  }
  const working = list.filter((i) => i.state === 'closed').length;
  if (working < list.length) return { tone: 'warn', text: `Gemini: ${working} of ${list.length} instances working` };
  return { tone: 'ok', text: 'Gemini: working' };
}
