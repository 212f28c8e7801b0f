// What one request reports to the monitor: kept and wasted speculative tokens both count toward the daily cap.
import { describe, expect, it } from 'vitest';
import { MonitorPortAdapter } from '../../main/app/adapters/monitor-port.js';
import { PerformanceMonitor } from '../../main/monitor/performance-monitor.js';
import { parseSettings } from '../../main/config/load.js';

describe('monitor port', () => {
  it('counts tokens of cancelled speculative streams toward the daily token cap', () => {
    const monitor = new PerformanceMonitor({ settings: { ...parseSettings({}).monitor, dailyTokenCap: 1000 } });
    try {
      const port = new MonitorPortAdapter(monitor, () => 'gemini-3.5-flash');
      port.record({ timings: { total: 500 }, cacheTier: 'miss', errorCode: null, source: 'voice', model: 'gemini-3.5-flash', promptTokens: 100, outputTokens: 300, speculation: { started: 2, kept: 1, wasted: 1, wastedTokens: 500 } });
      expect(() => port.checkTokenCap()).not.toThrow();
      port.record({ timings: { total: 500 }, cacheTier: 'miss', errorCode: null, source: 'voice', speculation: { started: 1, kept: 0, wasted: 1, wastedTokens: 200 } });
      expect(() => port.checkTokenCap()).toThrow(expect.objectContaining({ code: 'TOKEN_CAP' }));
    } finally {
      monitor.close();
    }
  });
});
