// The web host says "Ready to dictate" once a Live session is warm (pointed at the simulator), or says why none is kept warm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorProcess, type SimulatorProcess } from '../support/simulator-process.js';
import { startWebHostProcess } from '../support/web-host-process.js';

describe('web host readiness', () => {
  let sim: SimulatorProcess;
  const dirs: string[] = [];
  const dataDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'vcg-ready-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    sim = await startSimulatorProcess('instant');
  });
  afterAll(async () => {
    await sim.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('prints "Ready to dictate" when the Live pool holds a warm session, with the time since start', async () => {
    const h = await startWebHostProcess({ dataDir: dataDir(), baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    try {
      expect(h.readyLine).toMatch(/^Ready to dictate: a Live session is warm \(\d+ ms after start\)\.$/);
      // The session it counts as warm finished its setup with the simulator before the line was printed.
      const stats = await sim.stats();
      expect(stats.live.setups.length).toBeGreaterThanOrEqual(1);
    } finally {
      await h.stop();
    }
  });

  it('without a key says no Live session is kept warm and what to do', async () => {
    const h = await startWebHostProcess({ dataDir: dataDir(), baseUrl: sim.baseUrl, apiKey: '' });
    try {
      expect(h.readyLine).toMatch(/^Ready to dictate once you add a Gemini API key in Settings/);
    } finally {
      await h.stop();
    }
  });
});
