// Turns a report's numbers into advice a user can act on, naming the setting to change and the value to try.
import type { Report } from './report.js';

/** The pool name the app uses for warm Live sessions when it calls setPoolSize (read by the advice). */
export const SESSION_POOL = 'sessions';

/** Below this many requests in a period percentages are noise: only a few rules apply. */
const MIN_REQUESTS = 10;

const ERROR_ADVICE: Record<string, string> = {
  QUOTA: 'the Gemini quota is being hit: add another Gemini instance (gemini.instances) or slow down',
  NETWORK: 'check the network connection or the proxy in VOICE_CODEGEN_GEMINI_BASE_URL',
  UNAVAILABLE: 'Gemini was unavailable: add another instance so the balancer can retry elsewhere',
  TIMEOUT: 'stages are timing out: check the network, or choose a faster model in gemini.models',
  INVALID_KEY: 'the API key was rejected: set a valid key in settings',
  MEMORY_PRESSURE: 'requests were refused for memory pressure: lower cache.l1.maxBytes or close other apps',
  TOKEN_CAP: 'the daily token cap was reached: raise monitor.dailyTokenCap if that is intended',
};

function ms(v: number): string {
  return `${Math.round(v)} ms`;
}

function pct(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

export function recommend(report: Omit<Report, 'recommendations'>): string[] {
  const out: string[] = [];
  const { stages } = report;
  const enough = report.requests >= MIN_REQUESTS;

  const tr = stages.transcription;
  if (tr.count > 0 && tr.p95 > tr.targetMs) {
    const pool = report.pools[SESSION_POOL];
    const min = pool?.min ?? pool?.size;
    const action =
      min === undefined
        ? 'keep more Live sessions warm (pool.min)'
        : pool?.max !== undefined && min + 1 > pool.max
          ? `raise pool.max above ${pool.max} and the warm session pool from ${min} to ${min + 1}`
          : `raise the warm session pool from ${min} to ${min + 1}`;
    out.push(`transcription p95 ${ms(tr.p95)} (target ${ms(tr.targetMs)}): ${action}`);
  }

  const it = stages.intent;
  if (it.count > 0 && it.p95 > it.targetMs) {
    out.push(`intent p95 ${ms(it.p95)} (target ${ms(it.targetMs)}): model assist is slow; lower intent.assistBelowConfidence so the local recogniser answers more often`);
  }

  const gen = stages.generation;
  if (gen.count > 0 && gen.p95 > gen.targetMs) {
    const outPerGen = report.tokens.output / Math.max(1, gen.count);
    const tokens = outPerGen > 1000 ? ` (about ${Math.round(outPerGen)} output tokens each: lower gemini.maxOutputTokens)` : '';
    out.push(`generation p95 ${ms(gen.p95)} (target ${ms(gen.targetMs)}): choose a faster model in gemini.models.codegen or send less context${tokens}`);
  }

  const total = stages.total;
  if (total.count > 0 && total.p95 > total.targetMs && out.length === 0) {
    out.push(`end-to-end p95 ${ms(total.p95)} (target ${ms(total.targetMs)}) while no single stage is over its target: the time goes between stages (context loading, cache, clipboard)`);
  }

  const lookups = report.cache.l1 + report.cache.l2 + report.cache.l3 + report.cache.miss;
  if (lookups >= MIN_REQUESTS && report.cache.hitRate < 0.2) {
    out.push(`cache hit rate ${pct(report.cache.hitRate)}: repeated requests are rare or expire first; raise cache.resultTtlMs if you repeat requests over longer spans`);
  }
  if (report.cache.l3 > report.cache.l1 && report.cache.l3 >= 5) {
    out.push(`L3 answered ${report.cache.l3} lookups and L1 ${report.cache.l1}: entries leave memory early; raise cache.l1.ttlMs or cache.l1.maxBytes`);
  }

  if (enough && report.errorRate > 0.05) {
    const top = Object.entries(report.errorsByCode).sort((a, b) => b[1] - a[1])[0];
    const advice = top ? (ERROR_ADVICE[top[0]] ?? 'see the log for the failing stage') : 'see the log';
    out.push(`error rate ${pct(report.errorRate)}${top ? ` (mostly ${top[0]}, ${top[1]} times)` : ''}: ${advice}`);
  }

  const spec = report.speculation;
  if (spec.started >= MIN_REQUESTS && spec.wasted / spec.started > 0.5) {
    out.push(`speculation wasted ${spec.wasted} of ${spec.started} early generations (${spec.wastedTokens} tokens): raise speculation.stableMs or speculation.minConfidence`);
  }

  const res = report.resources;
  if (res.samples > 0 && res.cpuPercentAvg > 50) {
    out.push(`average CPU ${Math.round(res.cpuPercentAvg)}% of a core: check the audio worker pool and the cache compression threshold (cache.compressThresholdBytes)`);
  }

  if (out.length === 0) out.push(report.requests === 0 ? 'no requests in this period' : 'every stage is within its target: no change needed');
  return out;
}
