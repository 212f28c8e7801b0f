// Real memory: a child Node with a 64 MiB heap allocates until the memory monitor's process reader sees the warning.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const monitorUrl = pathToFileURL(join(root, 'main/monitor/memory-monitor.ts')).href;
const readerUrl = pathToFileURL(join(root, 'main/monitor/memory-reader.ts')).href;

// Runs in the child: keeps 0.25 MiB more per step (a 32768-slot array) and checks after each,
// the way the app's timer would, until the monitor leaves "normal" (or the heap runs out).
const childScript = `
const { MemoryMonitor } = await import(${JSON.stringify(monitorUrl)});
const { ProcessMemoryReader, readProcessMemory } = await import(${JSON.stringify(readerUrl)});
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const monitor = new MemoryMonitor({
  settings: { warning: 0.8, critical: 0.9, intervalMs: 30000, fastIntervalMs: 5000 },
  reader: new ProcessMemoryReader(),
});
const kept = [];
monitor.on('level', (s) => out({ event: 'level', level: s.level, previous: s.previous, usage: s.usage, source: s.source, admitting: s.admitting, message: s.message }));
monitor.registerAction('warning', 'drop test cache', () => { kept.length = 0; out({ event: 'action', name: 'drop test cache' }); });
out({ event: 'start', heapLimitBytes: readProcessMemory().heapLimitBytes });
for (let step = 0; step < 2000; step++) {
  kept.push(new Array(32768).fill(step));
  const state = await monitor.check();
  if (state.level !== 'normal') {
    // The warning action dropped what we kept: the process now has room again.
    for (let more = 0; more < 40; more++) kept.push(new Array(32768).fill(more));
    out({ event: 'done', steps: step + 1, admittingAfter: monitor.admitting, keptAfter: kept.length });
    break;
  }
}
monitor.close();
`;

interface ChildLine {
  event: string;
  [key: string]: unknown;
}

function runChild(): Promise<{ lines: ChildLine[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '-e', childScript],
      { cwd: root, timeout: 25_000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChildLine);
        if (error) reject(Object.assign(error, { lines, stderr }));
        else resolve({ lines, stderr });
      },
    );
  });
}

describe('memory monitor on a real heap', () => {
  it('fires the warning in a process with a 64 MiB heap before it runs out, and runs the warning action', async () => {
    const { lines } = await runChild();
    const start = lines.find((l) => l.event === 'start');
    // The old-generation limit under --max-old-space-size=64.
    expect(start?.heapLimitBytes).toBe(64 * 1024 * 1024);
    const level = lines.find((l) => l.event === 'level');
    expect(level).toMatchObject({ level: 'warning', previous: 'normal', source: 'heap', admitting: true });
    expect(level?.usage).toBeGreaterThanOrEqual(0.8);
    expect(level?.usage).toBeLessThan(0.9);
    expect(lines.map((l) => l.event)).toEqual(['start', 'level', 'action', 'done']);
    expect(lines.at(-1)).toMatchObject({ admittingAfter: true, keptAfter: 40 });
  });
});
