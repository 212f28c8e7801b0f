// /metrics text: what a request leaves in the Prometheus registry, and registries that never share counts.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { ManualTimers } from '../../main/monitor/manual-timers.js';
import { PerformanceMonitor } from '../../main/monitor/performance-monitor.js';

const open: PerformanceMonitor[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

function monitor(): PerformanceMonitor {
  const time = new ManualTimers();
  const m = new PerformanceMonitor({ settings: parseSettings({}).monitor, clock: time, timers: time, sampler: { sample: () => ({ cpuPercent: 12.5, rssBytes: 2048, heapUsedBytes: 1024 }) } });
  open.push(m);
  return m;
}

describe('Prometheus metrics', () => {
  it('exposes stage histograms with the seed buckets, counters and gauges', async () => {
    const m = monitor();
    m.recordRequest({ stages: { transcription: 450, intent: 2, generation: 1100, total: 1600 }, cache: 'miss', tokens: { model: 'gemini-3.5-flash', input: 1000, output: 200 } });
    m.recordRequest({ stages: { total: 8 }, cache: 'l1' });
    m.recordRequest({ stages: { total: 30 }, errorCode: 'QUOTA' });
    m.recordRequest({ stages: { total: 2 }, speculation: { started: 2, kept: 1, wasted: 1, wastedTokens: 90 } });
    m.setPoolSize('sessions', { size: 2, idle: 1 });
    m.dashboard();
    const text = await m.prometheus.metrics();

    expect(m.prometheus.contentType).toContain('text/plain');
    const les = [...text.matchAll(/stage_duration_seconds_bucket\{le="([^"]+)",stage="total"\}/g)].map((x) => x[1]);
    expect(les).toEqual(['0.01', '0.05', '0.1', '0.2', '0.5', '1', '2', '5', '+Inf']);
    const lines = text.split('\n');
    expect(lines).toContain('voice_codegen_stage_duration_seconds_bucket{le="0.5",stage="transcription"} 1');
    expect(lines).toContain('voice_codegen_stage_duration_seconds_bucket{le="0.2",stage="transcription"} 0');
    expect(lines).toContain('voice_codegen_stage_duration_seconds_bucket{le="0.01",stage="total"} 2');
    expect(lines).toContain('voice_codegen_stage_duration_seconds_count{stage="total"} 4');
    expect(lines).toContain('voice_codegen_requests_total 4');
    expect(lines).toContain('voice_codegen_errors_total{code="QUOTA"} 1');
    expect(lines).toContain('voice_codegen_cache_lookups_total{tier="l1"} 1');
    expect(lines).toContain('voice_codegen_cache_lookups_total{tier="miss"} 1');
    expect(lines).toContain('voice_codegen_gemini_tokens_total{model="gemini-3.5-flash",direction="input",kind="generation"} 1000');
    expect(lines).toContain('voice_codegen_gemini_tokens_total{model="gemini-3.5-flash",direction="output",kind="generation"} 200');
    expect(lines).toContain('voice_codegen_gemini_estimated_cost_usd_total{model="gemini-3.5-flash",kind="generation"} 0.0008');
    expect(lines).toContain('voice_codegen_speculation_total{outcome="wasted"} 1');
    expect(lines).toContain('voice_codegen_speculation_wasted_tokens_total 90');
    expect(lines).toContain('voice_codegen_pool_size{pool="sessions",state="size"} 2');
    expect(lines).toContain('voice_codegen_process_cpu_percent 12.5');
    expect(lines).toContain('voice_codegen_process_memory_bytes{kind="rss"} 2048');
    expect(lines).toContain('voice_codegen_cache_hit_ratio 0.5');
    expect(lines).toContain('voice_codegen_error_rate 0.25');
  });

  it('keeps each monitor in its own registry', async () => {
    const a = monitor();
    const b = monitor();
    a.recordRequest({ stages: { total: 10 } });
    expect((await b.prometheus.metrics()).split('\n')).toContain('voice_codegen_requests_total 0');
    expect((await a.prometheus.metrics()).split('\n')).toContain('voice_codegen_requests_total 1');
  });
});
