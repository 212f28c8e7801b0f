// Suite load: 200 concurrent typed requests and 20 concurrent spoken ones through the app's composition root,
// against the simulator's realistic profile on loopback; nothing may be lost (no answer, or an answer missing from history).
import { readFileSync } from 'node:fs';
import type { PipelineEvent, PipelineResult } from '../../../preload/contract.js';
import { startSimulatorProcess, type SimulatorProcess } from '../../support/simulator-process.js';
import { settingsSchema } from '../../../main/config/schema.js';
import { CodeGenerator } from '../../../main/gemini/code-generator.js';
import { recogniseIntent } from '../../../main/intent/recogniser.js';
import { buildPrompt } from '../../../main/pipeline/prompts.js';
import { startHarness, type Harness } from '../../support/app-harness.js';
import { speechPcm16, chunks100ms } from '../../support/speech-pcm.js';
import { SPOKEN_FIXTURES } from '../fixtures.js';
import { stats, tail, type BenchContext } from '../harness.js';
import type { SimulatorStats } from '../../../main/gemini-sim/index.js';

const TYPED = 200;
const SPOKEN = 20;
/** Every request must end well within this; the suite stops waiting then and counts the rest as lost. */
const DEADLINE_MS = 120_000;

interface Outcome {
  ms: number;
  result: PipelineResult | null;
  errorCode: string | null;
  sawTerminalEvent: boolean;
}

async function track(run: (onEvent: (e: PipelineEvent) => void) => Promise<PipelineResult>): Promise<Outcome> {
  const t0 = performance.now();
  let sawTerminalEvent = false;
  const onEvent = (e: PipelineEvent): void => {
    if (e.type === 'result' || e.type === 'error') sawTerminalEvent = true;
  };
  try {
    const result = await run(onEvent);
    return { ms: performance.now() - t0, result, errorCode: null, sawTerminalEvent };
  } catch (error) {
    return { ms: performance.now() - t0, result: null, errorCode: (error as { code?: string }).code ?? 'UNKNOWN', sawTerminalEvent };
  }
}

async function inHistory(h: Harness, id: number | null): Promise<boolean> {
  if (id === null) return false;
  const o = await h.app.router.call('history.get', { id }, { clientId: 'bench' });
  return o.ok && o.result !== null && typeof (o.result as { code?: unknown }).code === 'string';
}

export async function run(ctx: BenchContext): Promise<void> {
  // The simulator runs in its own process, as Google's servers are not in the app's event loop.
  const sim = await startSimulatorProcess('realistic');
  try {
    await sim.warm();
    await underLoad(ctx, sim);
    ctx.step('the SDK alone under the same 200 concurrent typed requests');
    const floor = await sdkFloor(sim);
    ctx.record('load.sdk_floor_overhead_p99_ms', {
      value: floor.overhead.p99, unit: 'ms', better: 'lower', goal: null,
      detail: { ...floor.overhead, unmatched: floor.unmatched, failed: floor.failed, load_average: loadAverage(),
        note: 'the SDK through the app\'s own CodeGenerator (its model, least thinking, temperature and output cap) and the app\'s prompt for each of the same 200 typed texts (built before the clock starts), nothing else of the app: 200 concurrent streams against the same simulator process, after 5 warm-up calls; client time minus the simulator-reported server time. What load.overhead_p99_ms cannot go below in one event loop on this machine' },
    });
  } finally {
    await sim.close();
  }
}

async function underLoad(ctx: BenchContext, sim: SimulatorProcess): Promise<void> {
  const fixtures = SPOKEN_FIXTURES.slice(0, SPOKEN).map((f) => ({ ...f, chunks: chunks100ms(speechPcm16(f.spoken, { toneHz: f.script.toneHz })) }));
  await sim.setScripts(fixtures.map((f) => f.script));
  const h = await startHarness({ remote: sim, prewarm: true, host: 'web' });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    const typed = Array.from({ length: TYPED }, (_, i) => track((onEvent) => h.app.runText({ text: `write a function that adds ${i} to every item of a list in python` }, onEvent)));
    // Twenty users' windows: each client has one dictation open at a time.
    const spoken = fixtures.map((f, i) =>
      track((onEvent) => {
        const d = h.app.startDictation({ onEvent, clientId: `load-${i}` });
        for (const c of f.chunks) d.push(c);
        return d.finish();
      }),
    );
    const all = Promise.all([...typed, ...spoken]);
    const outcomes = await Promise.race([all, new Promise<null>((r) => setTimeout(() => r(null), DEADLINE_MS))]);
    const wallMs = performance.now() - t0;
    if (outcomes === null) throw new Error(`requests were still running after ${DEADLINE_MS} ms`);
    let lost = 0;
    for (const o of outcomes) {
      if (!o.sawTerminalEvent) lost++;
      else if (o.result && !(await inHistory(h, o.result.historyId))) lost++;
    }
    ctx.step('reading the simulator\'s request times');
    const share = appShare(outcomes, fixtures.map((f) => f.script.toneHz ?? null), await sim.stats());
    const errors = outcomes.filter((o) => o.errorCode !== null);
    const s = stats(outcomes.map((o) => o.ms));
    const typedStats = stats(outcomes.slice(0, TYPED).map((o) => o.ms));
    const spokenStats = stats(outcomes.slice(TYPED).map((o) => o.ms));
    const detail = { median: s.median, p99: s.p99, typed_median_ms: typedStats.median, typed_p99_ms: typedStats.p99, spoken_median_ms: spokenStats.median, spoken_p99_ms: spokenStats.p99, requests: outcomes.length, wall_ms: Math.round(wallMs), profile: 'realistic' };
    ctx.record('load.p99_ms', { value: s.p99, unit: 'ms', better: 'lower', goal: null, detail });
    ctx.record('load.throughput_per_s', { value: outcomes.length / (wallMs / 1000), unit: 'req/s', better: 'higher', goal: null, detail });
    ctx.record('load.lost', { value: lost, unit: 'requests', better: 'lower', goal: 0, detail });
    const o = tail(share.overhead);
    const w = tail(share.sessionWait);
    const shareDetail = { ...o, typed: tail(share.overhead.slice(0, share.typedCount)), spoken: tail(share.overhead.slice(share.typedCount)), unmatched: share.unmatched, session_wait: w, load_average: loadAverage(),
      note: 'the app\'s share of each request under 200 typed + 20 spoken concurrent: its total minus the simulator-reported server time (generate calls; Live activityEnd -> final, or the REST transcription of a dictation that had no Live turn) minus its wait for a Live session when none was warm' };
    ctx.record('load.overhead_p99_ms', { value: o.p99, unit: 'ms', better: 'lower', goal: 50, detail: shareDetail });
    ctx.record('load.session_wait_p99_ms', { value: w.p99, unit: 'ms', better: 'lower', goal: null, detail: { ...w, note: 'per dictation: time from asking for a Live session to having one (or to giving up on it at release), when none was warm' } });
    const byCode: Record<string, number> = {};
    for (const e of errors) byCode[e.errorCode as string] = (byCode[e.errorCode as string] ?? 0) + 1;
    ctx.record('load.errors', { value: errors.length, unit: 'requests', better: 'lower', goal: null, detail: { ...detail, by_code: byCode } });
  } finally {
    await h.close();
  }
}

/**
 * 200 streams at once through the SDK and the app's generator alone: the part of load.overhead that belongs to the SDK
 * and Node's fetch. A call that fails or that the simulator did not time is counted, not guessed.
 */
async function sdkFloor(sim: SimulatorProcess): Promise<{ overhead: ReturnType<typeof tail>; unmatched: number; failed: number }> {
  const settings = settingsSchema.parse({});
  const generator = new CodeGenerator({
    endpoint: { name: 'floor', apiKey: sim.apiKey, baseUrl: sim.baseUrl, models: settings.gemini.models },
    temperature: settings.gemini.temperature, maxOutputTokens: settings.gemini.maxOutputTokens, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const promptFor = (text: string): { systemInstruction: string; prompt: string } => {
    const { intent, slots } = recogniseIntent(text);
    const built = buildPrompt({ intent, slots, transcript: text });
    return { systemInstruction: built.systemInstruction, prompt: built.prompt };
  };
  const stream = async (request: { systemInstruction: string; prompt: string }): Promise<number> => {
    const t0 = performance.now();
    for await (const chunk of generator.generate(request)) void chunk;
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) await stream(promptFor(`write a function that adds ${TYPED + i} to every item of a list in python`));
  await sim.resetStats();
  const requests = Array.from({ length: TYPED }, (_, i) => promptFor(`write a function that adds ${i} to every item of a list in python`));
  const ms = await Promise.all(requests.map((r) => stream(r).catch(() => null)));
  const serverMs = new Map<number, number>();
  for (const r of (await sim.stats()).rest.requests) {
    const n = /adds (\d+) to every item/.exec(r.prompt)?.[1];
    if (n !== undefined && r.serverMs !== null) serverMs.set(Number(n), r.serverMs);
  }
  const overhead: number[] = [];
  let unmatched = 0;
  ms.forEach((m, i) => {
    const server = serverMs.get(i);
    if (m === null) return;
    if (server === undefined) unmatched++;
    else overhead.push(m - server);
  });
  return { overhead: tail(overhead), unmatched, failed: ms.filter((m) => m === null).length };
}

/**
 * The app's share of each answered request: total minus the simulator's own time (its generate calls, found by the
 * request's text in the prompt, and for a dictation the Live turn's activityEnd -> final or its REST transcription,
 * found by its tone) minus the dictation's wait for a Live session. Requests the simulator cannot be matched to are
 * counted, not guessed.
 */
function appShare(outcomes: readonly Outcome[], tones: ReadonlyArray<number | null>, sim: SimulatorStats): { overhead: number[]; sessionWait: number[]; typedCount: number; unmatched: number } {
  const generateMs = new Map<string, number>();
  for (const r of sim.rest.requests) {
    if (r.kind !== 'streamGenerateContent' || r.serverMs === null) continue;
    const typed = /adds (\d+) to every item of a list in python/.exec(r.prompt)?.[0];
    const key = typed ?? r.prompt;
    generateMs.set(key, (generateMs.get(key) ?? 0) + r.serverMs);
  }
  const finalMs = new Map<number, number>();
  for (const t of sim.live.turns) if (t.toneHz !== null && t.finalMs !== null) finalMs.set(t.toneHz, t.finalMs);
  // A dictation that got no Live session in time is transcribed by REST: that call is found by the tone in its audio.
  const restTranscribeMs = new Map<number, number>();
  for (const r of sim.rest.requests) if (r.toneHz !== null && r.serverMs !== null) restTranscribeMs.set(r.toneHz, (restTranscribeMs.get(r.toneHz) ?? 0) + r.serverMs);
  const overhead: number[] = [];
  const sessionWait: number[] = [];
  let unmatched = 0;
  let typedCount = 0;
  outcomes.forEach((o, i) => {
    if (!o.result) return;
    const spokenIndex = i - TYPED;
    let server: number | undefined;
    if (spokenIndex < 0) {
      server = generateMs.get(`adds ${i} to every item of a list in python`);
    } else {
      const transcript = o.result.transcript;
      let generate: number | undefined;
      for (const [prompt, ms] of generateMs) if (prompt.includes(transcript)) generate = (generate ?? 0) + ms;
      const tone = tones[spokenIndex] ?? -1;
      // Live's final, or else the REST transcription's time (a dictation falls back to REST only without a Live turn).
      const transcribe = finalMs.get(tone) ?? restTranscribeMs.get(tone);
      server = generate === undefined || transcribe === undefined ? undefined : generate + transcribe;
    }
    if (server === undefined) {
      unmatched++;
      return;
    }
    const wait = o.result.timings?.session ?? 0;
    if (spokenIndex >= 0) sessionWait.push(wait);
    else typedCount++;
    overhead.push(o.ms - server - wait);
  });
  return { overhead, sessionWait, typedCount, unmatched };
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
