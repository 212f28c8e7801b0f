// Suite focus: what reading the focused window at hotkey down costs on X11 (Xvfb, a real xterm, xdotool), profile included; goal p99 <= 50 ms.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { silentLogger } from '../../../main/core/logger.js';
import { ExecCommandRunner } from '../../../main/hosts/electron/insert/exec-command-runner.js';
import { focusContextOf } from '../../../main/hosts/electron/insert/focus-context.js';
import { createPathWhich } from '../../../main/hosts/electron/insert/which.js';
import { XdotoolInserter } from '../../../main/hosts/electron/insert/xdotool-inserter.js';
import { readProcArgv0 } from '../../../main/hosts/electron/insert/proc-args.js';
import { resolveProfile } from '../../../main/profiles/profiles.js';
import { startXvfb, x11Env, xvfbAvailable } from '../../support/xvfb.js';
import { stats, type BenchContext } from '../harness.js';

const SAMPLES = 300;
const WARMUP = 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export async function run(ctx: BenchContext): Promise<void> {
  const which = createPathWhich(process.env);
  const missing = [...(xvfbAvailable() ? [] : ['Xvfb']), ...['xdotool', 'xterm'].filter((t) => which(t) === undefined)];
  if (process.platform !== 'linux' || missing.length > 0) {
    console.log(`  focus: skipped, needs Linux with ${missing.join(', ') || 'X11'} (scripts/install-test-deps.sh)`);
    return;
  }
  ctx.step('starting Xvfb and an xterm');
  const xvfb = await startXvfb();
  const env = x11Env(xvfb.display);
  const runner = new ExecCommandRunner({ env });
  const xterm = spawn('xterm', ['-T', 'app.py (~/proj) - VIM', '-e', 'sleep', '600'], { env, stdio: 'ignore' });
  try {
    const found = await runner.run('xdotool', ['search', '--sync', '--onlyvisible', '--class', 'xterm'], { timeoutMs: 15_000 });
    const id = found.stdout.trim().split('\n').at(-1) ?? '';
    await runner.run('xdotool', ['windowfocus', '--sync', id], { timeoutMs: 5_000 });
    // As createInserter builds it: one xprop call and /proc instead of three xdotool calls and ps.
    const inserter = new XdotoolInserter({ runner, logger: silentLogger, display: xvfb.display, useXprop: true, readArgv0: readProcArgv0 });
    const legacy = new XdotoolInserter({ runner, logger: silentLogger, display: xvfb.display });
    // What the app does at hotkey down: read the target, then pick the profile from it.
    const once = async (): Promise<string> => {
      const target = await inserter.captureTarget();
      return resolveProfile(focusContextOf(target), { rules: [] }).id;
    };
    ctx.step('warming up');
    for (let i = 0; i < WARMUP; i++) await once();
    const first = await once();
    if (first !== 'builtin:editor') throw new Error(`the xterm showing Vim's title gave profile ${first}, not builtin:editor`);
    // Interleaved with the xdotool-only path (older setups without xprop), so machine load hits both alike.
    const wall: number[] = [];
    const legacyWall: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      ctx.step(`capture ${i + 1} of ${SAMPLES}`);
      let t0 = process.hrtime.bigint();
      await once();
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      t0 = process.hrtime.bigint();
      await legacy.captureTarget();
      legacyWall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const s = stats(wall);
    const sorted = [...wall].sort((a, b) => a - b);
    const l = stats(legacyWall);
    ctx.record('focus.capture_p99_ms', {
      value: s.p99, unit: 'ms', better: 'lower', goal: 50,
      detail: { samples: s.n, p50: s.median, p90: percentile(sorted, 0.9), p99: s.p99, max: s.max, what: 'xdotool getwindowfocus, xprop -id, /proc cmdline, then the profile', xdotool_only_p50: l.median, xdotool_only_p99: l.p99, loadavg_1m: loadavg()[0] },
    });
  } finally {
    xterm.kill('SIGTERM');
    await xvfb.stop();
  }
}
