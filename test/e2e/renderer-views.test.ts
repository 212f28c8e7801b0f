// Every renderer view in real Chromium against the real web host, with a scripted fake backend behind the real ApiRouter:
// behaviour, axe-core, layout at 1280x800 and at the overlay size, and screenshots in test/e2e/artifacts/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, PipelineEvent, PipelineResult, StageTimings } from '../../preload/contract.js';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { AppEvents } from '../../main/app/app-events.js';
import { silentLogger } from '../../main/core/logger.js';
import { OVERLAY_MIN, codeShape, overlaySize } from '../../main/hosts/electron/logic/overlay-size.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../support/browser.js';
import { describeViolations, findLayoutProblems, runAxe } from '../support/axe.js';

const ROOT = process.cwd();
const RENDERER_DIR = join(ROOT, 'dist/renderer');
const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');
const DESKTOP = { width: 1280, height: 800 };
const OVERLAY = { width: 420, height: 300 };
/** The Electron overlay's minimum size (main/hosts/electron/logic/overlay-size.ts). */
const DESKTOP_OVERLAY = OVERLAY_MIN;

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** Builds the renderer with Vite when its sources are newer than dist/renderer (what scripts/build.mjs does for it). */
function buildRendererIfStale(): void {
  const out = join(RENDERER_DIR, 'index.html');
  const inputs = Math.max(newest(join(ROOT, 'renderer')), newest(join(ROOT, 'preload/contract.ts')), newest(join(ROOT, 'vite.config.ts')));
  if (existsSync(out) && statSync(out).mtimeMs >= inputs) return;
  // A child process, as scripts/build.mjs runs it: inside vitest (NODE_ENV=test) Vite would bundle React's development build.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const PY_CODE = 'def reverse_string(text: str) -> str:\n    """Return text reversed."""\n    return text[::-1]\n\n\nprint(reverse_string("hello"))  # olleh\n';
const TS_CODE = 'export function isEmail(value: string): boolean {\n  // A pragmatic check: something@something.tld\n  return /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(value);\n}\n';

/** A scripted backend: answers the contract's methods and pushes pipeline events the way the app does. */
class FakeBackend {
  readonly events = new AppEvents();
  readonly calls: Array<{ method: string; params: unknown }> = [];
  readonly history: HistoryEntry[] = [];
  audioBytes = 0;
  /** Changes what app.info answers (a real key, no key). */
  infoOverride: Record<string, unknown> = {};
  /** The next typed request fails with this error (an event, as the pipeline reports it). */
  nextError: { code: string; message: string; retryable: boolean; retryAfterMs?: number } | null = null;
  /** While set, generation streams its first half and waits here. */
  gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private nextId = 1;
  /** The last request id handed out (the desktop overlay test announces its chords for it). */
  get lastRequestId(): number {
    return this.nextId - 1;
  }
  /** What result.action answers (the desktop shell's handler; the web host's says it cannot paste). */
  actionOutcome: { ok: boolean; message?: string } = { ok: false, message: 'This window cannot paste into other apps: copy the code instead.' };
  private readonly seen = new Map<string, number>();
  private readonly cancelled = new Set<number>();
  settings: Record<string, unknown> = {
    gemini: { models: { live: 'gemini-3.5-transcribe-live', batchTranscribe: 'gemini-3.5-transcribe', codegen: 'gemini-3.5-flash', intentAssist: 'gemini-3.5-flash-lite' }, hasApiKey: true },
    pool: { min: 1, max: 4 },
    cache: { enabled: true, l1: { maxBytes: 100 * 1024 * 1024, ttlMs: 60_000 }, l2: { ttlMs: 300_000 }, l3: { ttlMs: 3_600_000 } },
    hotkey: { accelerator: 'CommandOrControl+Shift+Space', mode: 'push-to-talk' },
    language: { default: 'python' },
    privacy: { clipboardContext: true, projectVocabulary: false, noticeAccepted: false },
    vocabulary: { maxTerms: 100 },
    monitor: { memory: { warning: 0.8, critical: 0.9 }, dailyTokenCap: 200_000 },
    budgets: { transcription: { targetMs: 500, maxMs: 1000 }, intent: { targetMs: 200, maxMs: 500 }, generation: { targetMs: 1500, maxMs: 3000 }, total: { targetMs: 2000, maxMs: 4000 } },
    sharedCache: { enabled: false, secret: 'none', message: 'Shared cache off: set a team secret (VOICE_CODEGEN_TEAM_SECRET or Settings).' },
  };

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  emit(requestId: number, event: PipelineEvent): void {
    this.events.emit('pipeline.event', { requestId, event });
  }

  dashboard(): Record<string, unknown> {
    const now = Date.now();
    return {
      at: now,
      uptimeMs: 3_720_000,
      requests: 42 + this.history.length,
      errors: 3,
      errorRate: 0.021,
      cache: { l1: 12, l2: 2, l3: 5, miss: 23, hitRate: 19 / 42 },
      stages: {
        transcription: { count: 30, mean: 420, min: 210, max: 1300, p50: 380, p95: 820, p99: 1200 },
        intent: { count: 42, mean: 2, min: 0.2, max: 9, p50: 0.6, p95: 4, p99: 8 },
        generation: { count: 23, mean: 1200, min: 600, max: 3100, p50: 1100, p95: 2400, p99: 3050 },
        total: { count: 42, mean: 1500, min: 8, max: 4200, p50: 1400, p95: 2900, p99: 4100 },
      },
      tokens: { today: 48_250, dailyCap: 200_000, estimatedCostUsd: 0.0123 },
      resources: { cpuPercent: 7, rssBytes: 182 * 1024 * 1024, heapUsedBytes: 64 * 1024 * 1024 },
      memory: { usage: 0.62, warning: 0.8, critical: 0.9, level: 'normal' },
      pools: { audioWorkers: { size: 1, idle: 1, min: 1, max: 2 } },
      pool: { size: 2, idle: 1, min: 1, max: 4 },
      cacheTiers: { tiers: { l1: { hits: 12, misses: 30, hitRate: 12 / 42 }, l2: { hits: 2, misses: 28, hitRate: 2 / 30 }, l3: { hits: 5, misses: 23, hitRate: 5 / 28 } } },
      instances: [{ name: 'default', state: 'closed', outstanding: 0, requests: 42, failures: 1, errorRate: 0.02, latencyMs: 640, lastError: null, retryInMs: null }],
      recentAlerts: [{ kind: 'stage_over_max', severity: 'WARNING', key: 'stage_over_max:generation', message: 'generation took 3100 ms (max 3000 ms)', at: now - 600_000, value: 3100, threshold: 3000, suppressed: 0 }],
      lastReport: {
        period: { from: now - 3_600_000, to: now - 60_000, durationMs: 3_540_000 },
        requests: 38,
        errorRate: 0.026,
        stages: { total: { p95: 2900 } },
        recommendations: ['Generation p95 is 2400 ms against a 1500 ms target: keep answers short or use a faster model.', 'Cache hit rate is 45%: repeated requests are served in under 10 ms.'],
      },
    };
  }

  /** Streams an answer for a transcript, or serves a repeat from the "cache". */
  async generate(requestId: number, transcript: string, transcriptionMs?: number): Promise<void> {
    // "add X to my dictionary": main answers it locally and returns the words heard for the user to check.
    const toAdd = /^add (.+) to my dictionary$/i.exec(transcript);
    if (toAdd) {
      this.emit(requestId, { type: 'transcript.final', text: transcript });
      const timings = { total: 3 };
      this.emit(requestId, { type: 'result', result: { code: '', language: 'text', answer: '', intent: 'generic', transcript, complete: true, finishReason: 'STOP', cached: null, historyId: null, timings, dictionaryAdd: { term: toAdd[1] as string } } });
      return;
    }
    const wantsTs = /typescript|email/i.test(transcript);
    const language = wantsTs ? 'typescript' : 'python';
    const code = wantsTs ? TS_CODE : PY_CODE;
    const intent = /test/i.test(transcript) ? 'generate_test' : 'generate_function';
    this.emit(requestId, { type: 'transcript.final', text: transcript });
    this.emit(requestId, { type: 'intent', intent, slots: { language }, confidence: 0.92 });
    const base: StageTimings = { ...(transcriptionMs !== undefined ? { transcription: transcriptionMs } : {}), intent: 0.7 };
    const seenAt = this.seen.get(transcript);
    let result: PipelineResult;
    if (seenAt !== undefined) {
      result = { code, language, answer: code, intent, transcript, complete: true, finishReason: 'STOP', cached: { tier: 'l1', ageMs: Date.now() - seenAt }, historyId: null, timings: { ...base, total: 6 } };
    } else {
      const full = `\`\`\`${language}\n${code}\`\`\`\n`;
      const pieces = full.match(/[\s\S]{1,24}/g) ?? [];
      const half = Math.floor(pieces.length / 2);
      for (let i = 0; i < pieces.length; i++) {
        if (this.cancelled.has(requestId)) return;
        if (i === half && this.gate) await this.gate;
        if (this.cancelled.has(requestId)) return;
        this.emit(requestId, { type: 'code.chunk', text: pieces[i] as string });
        await sleep(15);
      }
      this.seen.set(transcript, Date.now());
      const id = this.history.length + 1;
      const timings = { ...base, generation: 1240, total: (transcriptionMs ?? 0) + 1320 };
      this.history.unshift({ id, createdAt: Date.now(), transcript, intent, language, code, answer: code, timings, cachedTier: null, errorCode: null, errorMessage: null });
      result = { code, language, answer: full, intent, transcript, complete: true, finishReason: 'STOP', cached: null, historyId: id, timings };
    }
    this.emit(requestId, { type: 'result', result });
    this.emit(requestId, { type: 'timings', stages: result.timings });
  }

  dictionary: Array<{ term: string; spoken: string | null }> = [];
  snippets: Array<{ name: string; body: string }> = [];

  readonly handlers: MethodHandlers = {
    'app.info': () => ({ host: 'web', version: '0.1.0', simulated: true, hasApiKey: true, hotkey: 'CommandOrControl+Shift+Space', hotkeyMode: 'push-to-talk', note: 'Browser mode: renderer test harness.', ...this.infoOverride }),
    'dictation.start': () => {
      const requestId = this.nextId++;
      this.audioBytes = 0;
      setTimeout(() => this.emit(requestId, { type: 'listening' }), 5);
      return { requestId };
    },
    'dictation.stop': ({ requestId }) => {
      void this.generate(requestId, 'write a python function that reverses a string', 410);
      return { ok: true };
    },
    'dictation.profile': () => ({ ok: true }),
    'request.cancel': ({ requestId }) => {
      this.cancelled.add(requestId);
      return { ok: true };
    },
    'request.text': ({ text }) => {
      const requestId = this.nextId++;
      const error = this.nextError;
      this.nextError = null;
      setTimeout(() => {
        if (error) this.emit(requestId, { type: 'error', error });
        else void this.generate(requestId, text);
      }, 10);
      return { requestId };
    },
    'request.quick': () => ({ requestId: this.nextId++ }),
    'history.search': ({ query, offset, limit }) => {
      const q = (query ?? '').toLowerCase();
      const all = this.history.filter((e) => !q || e.transcript.toLowerCase().includes(q) || (e.code ?? '').toLowerCase().includes(q));
      const entries = all.slice(offset, offset + limit);
      return { entries, total: offset + entries.length + (all.length > offset + limit ? 1 : 0) };
    },
    'history.get': ({ id }) => this.history.find((e) => e.id === id) ?? null,
    'history.delete': ({ id }) => {
      const i = this.history.findIndex((e) => e.id === id);
      if (i >= 0) this.history.splice(i, 1);
      return { ok: i >= 0 };
    },
    'history.clear': () => {
      this.history.splice(0);
      return { ok: true };
    },
    'history.export': () => ({ json: JSON.stringify(this.history) }),
    'settings.get': () => this.settings,
    'settings.update': ({ patch }) => {
      const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
        const out = { ...a };
        for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
        return out;
      };
      this.settings = merge(this.settings, patch);
      return this.settings;
    },
    'settings.setApiKey': () => ({ ok: true, stored: 'memory' }),
    'settings.setTeamSecret': () => ({ ok: true, stored: 'memory', sharedCache: { enabled: true, secret: 'memory', message: 'Shared cache on: entries are signed with the team secret (namespace 0123456789abcdef).' } }),
    'dashboard.get': () => this.dashboard(),
    'clipboard.copy': () => ({ ok: true }),
    'result.action': () => this.actionOutcome,
    // The personal dictionary and snippets, in memory (the real ones are tested against SQLite in test/integration).
    'dictionary.list': () => ({ entries: this.dictionary.map((e) => ({ ...e, uses: 0 })), total: this.dictionary.length }),
    'dictionary.add': ({ term, spoken }) => {
      this.dictionary.push({ term, spoken: spoken ?? null });
      return { ok: true };
    },
    'dictionary.remove': ({ term }) => {
      const before = this.dictionary.length;
      this.dictionary = this.dictionary.filter((e) => e.term !== term);
      return { removed: before - this.dictionary.length };
    },
    'dictionary.import': ({ text }) => {
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      for (const line of lines) this.dictionary.push({ term: line.split(',')[0] as string, spoken: line.split(',')[1] ?? null });
      return { read: lines.length, added: lines.length };
    },
    'dictionary.export': () => ({ text: this.dictionary.map((e) => (e.spoken ? `${e.term},${e.spoken}` : e.term)).join('\n') }),
    'snippets.list': () => ({ snippets: this.snippets.map((s) => ({ ...s, uses: 0 })) }),
    'snippets.save': ({ name, body }) => {
      this.snippets = [...this.snippets.filter((s) => s.name !== name), { name, body }];
      return { ok: true };
    },
    'snippets.remove': ({ name }) => {
      const before = this.snippets.length;
      this.snippets = this.snippets.filter((s) => s.name !== name);
      return { removed: before - this.snippets.length };
    },
  };
}

function record(backend: FakeBackend, handlers: MethodHandlers): MethodHandlers {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(handlers)) {
    out[name] = (params: unknown, ctx: unknown) => {
      backend.calls.push({ method: name, params });
      return (fn as (p: unknown, c: unknown) => unknown)(params, ctx);
    };
  }
  return out as MethodHandlers;
}

async function expectLayoutFits(page: Page, what: string): Promise<void> {
  const problems = await findLayoutProblems(page);
  expect(problems, `${what}:\n${problems.join('\n')}`).toEqual([]);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await runAxe(page, 'serious');
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

describe('renderer views against the web host (scripted backend)', () => {
  let backend: FakeBackend;
  let host: WebHost;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const open = async (query = '', size = DESKTOP, flags: { onboarded?: boolean; noticeSeen?: boolean } = { onboarded: true, noticeSeen: true }): Promise<Page> => {
    const page = await context.newPage();
    await page.setViewportSize(size);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|unsafe-eval/i.test(msg.text())) cspViolations.push(msg.text());
    });
    // Once per tab: a reload keeps what the app stored since.
    await page.addInitScript((f) => {
      if (sessionStorage.getItem('vcg.test.flags')) return;
      sessionStorage.setItem('vcg.test.flags', '1');
      localStorage.setItem('vcg.onboarded', f.onboarded ? '1' : '0');
      localStorage.setItem('vcg.privacyNoticeSeen', f.noticeSeen ? '1' : '0');
    }, flags);
    // Each tab takes the launch token from its URL into its own sessionStorage (there is no cookie).
    await page.goto(`${host.url}${query}${query ? '&' : '?'}token=${host.token}`);
    if (query.includes('view=overlay')) {
      // The overlay is a HUD without the app's header.
      await page.locator('.hud').waitFor();
      await page.getByText('simulated', { exact: true }).waitFor();
      return page;
    }
    await page.getByRole('heading', { name: 'Voice CodeGen', exact: true }).waitFor();
    await page.getByText('simulated Gemini', { exact: true }).waitFor();
    return page;
  };

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium');
    mkdirSync(ARTIFACTS, { recursive: true });
    buildRendererIfStale();
    backend = new FakeBackend();
    host = await startWebHost({ router: new ApiRouter(record(backend, backend.handlers)), events: backend.events, onAudio: (_id, pcm) => (backend.audioBytes += pcm.byteLength), rendererDir: RENDERER_DIR, port: 0, logger: silentLogger, token: 'renderer-test-token' });
    browser = await launchChromium();
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.cleanup();
    await host?.close().catch(() => undefined);
  });

  it('first run shows the onboarding: key or demo, microphone, hotkey', async () => {
    const page = await open('', DESKTOP, { onboarded: false, noticeSeen: false });
    await page.getByRole('heading', { name: 'Welcome to Voice CodeGen' }).waitFor();
    await expect(page.getByText('simulated Gemini on this machine').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Allow the microphone' }).click();
    await page.getByText('Microphone allowed.').waitFor();
    await expectAccessible(page, 'onboarding');
    await expectLayoutFits(page, 'onboarding 1280x800');
    await shoot(page, 'desktop-onboarding');
    await page.getByRole('button', { name: 'Start dictating' }).click();
    await page.getByRole('tab', { name: 'Dictation' }).waitFor();
    // The one-time privacy notice, then never again.
    await page.getByRole('heading', { name: 'What is sent to Google' }).waitFor();
    await page.getByRole('button', { name: 'Got it' }).click();
    await page.reload();
    await page.getByRole('tab', { name: 'Dictation' }).waitFor();
    await expect(page.getByRole('heading', { name: 'What is sent to Google' }).count()).resolves.toBe(0);
    expect(backend.calls.some((c) => c.method === 'settings.update' && JSON.stringify(c.params).includes('noticeAccepted'))).toBe(true);
    await page.close();
  });

  it('first run without a key and without the simulator offers the key field and the demo', async () => {
    backend.infoOverride = { simulated: false, hasApiKey: false };
    try {
      const page = await context.newPage();
      await page.setViewportSize(DESKTOP);
      await page.addInitScript(() => {
        if (sessionStorage.getItem('vcg.test.flags')) return;
        sessionStorage.setItem('vcg.test.flags', '1');
        localStorage.setItem('vcg.onboarded', '0');
      });
      await page.goto(`${host.url}?token=${host.token}`);
      await page.getByRole('heading', { name: 'Welcome to Voice CodeGen' }).waitFor();
      await expect(page.getByText('simulated Gemini', { exact: true }).count()).resolves.toBe(0);
      await page.getByText('npm run demo').waitFor();
      const key = page.getByRole('textbox', { name: 'Gemini API key' });
      await expect(key.getAttribute('type')).resolves.toBe('password');
      await expectAccessible(page, 'onboarding without a key');
      await expectLayoutFits(page, 'onboarding without a key');
      await shoot(page, 'desktop-onboarding-no-key');
      await key.fill('AIzaSyONBOARDING-test');
      await page.getByRole('button', { name: 'Save key' }).click();
      await page.getByText('Key saved for this session only').waitFor();
      expect(backend.calls.some((c) => c.method === 'settings.setApiKey' && (c.params as { apiKey: string }).apiKey === 'AIzaSyONBOARDING-test')).toBe(true);
      await page.close();
    } finally {
      backend.infoOverride = {};
    }
  });

  it('a typed request streams highlighted code, then shows language, timings against budgets and copies to the clipboard', async () => {
    const page = await open();
    backend.hold();
    await page.getByLabel('Or type a request').fill('a python function that reverses a string');
    await page.getByLabel('Or type a request').press('Enter');
    const code = page.getByLabel('Generated python code');
    await code.waitFor();
    await page.getByText('Writing code…').waitFor();
    await expect(code.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(page.locator('.code-block .hljs-keyword').first().textContent()).resolves.toBe('def');
    await expectAccessible(page, 'dictation mid-stream');
    await expectLayoutFits(page, 'dictation mid-stream 1280x800');
    await shoot(page, 'desktop-dictation-streaming');
    backend.release();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await expect(page.locator('.badge-lang').textContent()).resolves.toBe('python');
    await expect(page.locator('.timing-row[data-stage="generation"] .timing-value').textContent()).resolves.toContain('1240 ms');
    await expect(page.locator('.timing-row[data-stage="total"] .timing-value').textContent()).resolves.toContain('within target');
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.getByRole('button', { name: 'Copy code' }).click();
    await page.getByText('Copied', { exact: true }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(PY_CODE);
    await expectAccessible(page, 'dictation result');
    await expectLayoutFits(page, 'dictation result 1280x800');
    await shoot(page, 'desktop-dictation-result');

    // The same request again is answered from the cache, and says so.
    await page.getByLabel('Or type a request').fill('a python function that reverses a string');
    await page.getByLabel('Or type a request').press('Enter');
    await page.locator('.badge-cached').waitFor();
    await expect(page.locator('.badge-cached').textContent()).resolves.toMatch(/cached · L1 · \d+ s old/);
    await shoot(page, 'desktop-dictation-cached');
    await page.close();
  });

  it('Esc cancels a request in flight and tells main', async () => {
    const page = await open();
    backend.hold();
    await page.getByLabel('Or type a request').fill('a typescript function that checks an email');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByText('Writing code…').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Cancelled', { exact: true }).waitFor();
    backend.release();
    await expect.poll(() => backend.calls.some((c) => c.method === 'request.cancel')).toBe(true);
    await sleep(200);
    await expect(page.getByRole('button', { name: 'Copy code' }).count()).resolves.toBe(0);
    await page.close();
  });

  it('errors say what happened and what to do: no key, quota with its retry time', async () => {
    const page = await open();
    backend.nextError = { code: 'NO_API_KEY', message: 'No Gemini API key is set.', retryable: false };
    await page.getByLabel('Or type a request').fill('a python function that adds two numbers');
    await page.getByLabel('Or type a request').press('Enter');
    const alert = page.getByRole('alert');
    await alert.getByText('No Gemini API key', { exact: true }).waitFor();
    await expect(alert.textContent()).resolves.toContain('npm run demo');
    await expectAccessible(page, 'error');
    await expectLayoutFits(page, 'error 1280x800');
    await shoot(page, 'desktop-error-no-key');
    await alert.getByRole('button', { name: 'Open Settings' }).click();
    await page.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
    await page.getByRole('tab', { name: 'Dictation' }).click();

    backend.nextError = { code: 'QUOTA', message: 'Gemini quota exceeded for this key.', retryable: true, retryAfterMs: 42_000 };
    await page.getByLabel('Or type a request').fill('a python function that adds two numbers');
    await page.getByLabel('Or type a request').press('Enter');
    await page.getByText('try again in 42 s').waitFor();
    await page.close();
  });

  it('push-to-talk from the keyboard: Space held on the focused button streams audio, release sends it', async () => {
    const page = await open();
    const button = page.getByRole('button', { name: 'Hold to talk' });
    await button.focus();
    await expect(page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).resolves.not.toBe('none');
    await page.keyboard.down(' ');
    await page.getByText('Listening…').first().waitFor();
    await expect(page.getByRole('meter', { name: 'Microphone level' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => backend.audioBytes, { timeout: 10_000 }).toBeGreaterThan(3200);
    await page.keyboard.up(' ');
    await page.getByText('write a python function that reverses a string').waitFor();
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    await expect(page.locator('.timing-row[data-stage="transcription"] .timing-value').textContent()).resolves.toContain('410 ms');
    expect(backend.calls.filter((c) => c.method === 'dictation.stop').length).toBeGreaterThan(0);
    await page.close();
  });

  it('a blocked or missing microphone says so and what to do', async () => {
    // Debian's Chromium with a fake device but no fake prompt: headless answers the prompt with "Block".
    const blocking = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream'] });
    const noDevice = await launchChromium({ denyMicrophone: true });
    try {
      for (const [browserUnderTest, expected, shot] of [
        [blocking, /not allowed to use the microphone/, 'desktop-error-microphone-denied'],
        [noDevice, /No microphone was found/, 'desktop-error-microphone-missing'],
      ] as const) {
        const ctx = await browserUnderTest.newContext({ viewport: DESKTOP });
        ctx.setDefaultTimeout(10_000);
        await ctx.addInitScript(() => {
          localStorage.setItem('vcg.onboarded', '1');
          localStorage.setItem('vcg.privacyNoticeSeen', '1');
        });
        const page = await ctx.newPage();
        await page.goto(`${host.url}?token=${host.token}`);
        const before = backend.calls.filter((c) => c.method === 'request.cancel').length;
        await page.getByRole('button', { name: 'Hold to talk' }).hover();
        await page.mouse.down();
        const alert = page.getByRole('alert');
        await alert.getByText('No microphone', { exact: true }).waitFor();
        await page.mouse.up();
        await expect(alert.textContent()).resolves.toMatch(expected);
        await expect(alert.textContent()).resolves.toMatch(/type the request/);
        await expectAccessible(page, 'microphone error');
        await expectLayoutFits(page, 'microphone error 1280x800');
        await shoot(page, shot);
        await expect.poll(() => backend.calls.filter((c) => c.method === 'request.cancel').length).toBeGreaterThan(before);
        await ctx.close();
      }
    } finally {
      await blocking.close();
      await noDevice.cleanup();
    }
  });

  it('keyboard first: Tab reaches the views and the button with a visible focus ring, arrows switch views', async () => {
    const page = await open();
    const focusRing = (): Promise<string> => page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('tab');
    await expect(focusRing()).resolves.toMatch(/^solid [1-9]/);
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'History', selected: true }).waitFor();
    await page.keyboard.press('End');
    await page.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
    await page.keyboard.press('Home');
    await page.getByRole('tab', { name: 'Dictation', selected: true }).waitFor();
    // The browser-mode notice's dismiss button comes first, then the talk button.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Dismiss the browser mode notice');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain('Hold to talk');
    await expect(focusRing()).resolves.toMatch(/^solid [1-9]/);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('text-request-input');
    await page.close();
  });

  it('history: search, open, copy again, delete, export', async () => {
    // Runs alone too: make the entry the earlier tests would have left.
    if (!backend.history.some((e) => e.transcript === 'a python function that reverses a string')) await backend.generate(900, 'a python function that reverses a string');
    const page = await open('?tab=history');
    await page.getByRole('tab', { name: 'History', selected: true }).waitFor();
    const list = page.getByRole('list', { name: 'History entries' });
    await list.getByText('a python function that reverses a string', { exact: true }).waitFor();
    await expect(list.textContent()).resolves.toMatch(/generate function.*python/);
    await expect(list.textContent()).resolves.toMatch(/G 1240 ms/);
    await expect(list.textContent()).resolves.toMatch(/G 1240 ms · total \d+ ms/);
    await page.getByLabel('Search history').fill('email');
    await expect.poll(() => backend.calls.some((c) => c.method === 'history.search' && (c.params as { query?: string }).query === 'email')).toBe(true);
    await page.getByLabel('Search history').fill('');
    await list.getByText('a python function that reverses a string', { exact: true }).click();
    await page.getByLabel('Code from history').waitFor();
    await page.evaluate(() => navigator.clipboard.writeText('x'));
    await page.getByRole('button', { name: 'Copy again' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(PY_CODE);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('link', { name: 'Download export' }).waitFor();
    await expectAccessible(page, 'history');
    await expectLayoutFits(page, 'history 1280x800');
    await shoot(page, 'desktop-history');
    const before = backend.history.length;
    await page.getByRole('button', { name: 'Delete entry' }).click();
    await page.getByText('Entry deleted.').waitFor();
    expect(backend.history.length).toBe(before - 1);
    await page.close();
  });

  it('history pages: the first 50, then "Show more"', async () => {
    const seeded = Array.from({ length: 55 }, (_, i): HistoryEntry => ({ id: 1000 + i, createdAt: Date.now() - 86_400_000 - i * 60_000, transcript: `older request ${i}`, intent: 'explain', language: 'go', code: 'package main', timings: { total: 900 }, cachedTier: null, errorCode: null, errorMessage: null }));
    const before = backend.history.length;
    backend.history.push(...seeded);
    try {
      const page = await open('?tab=history');
      const items = page.getByRole('list', { name: 'History entries' }).locator('.history-item');
      await expect.poll(() => items.count()).toBe(50);
      await page.getByText('50+ entries').waitFor();
      await page.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => items.count()).toBe(before + 55);
      await expect(page.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
      await page.close();
    } finally {
      backend.history.splice(before);
    }
  });

  it('dashboard: stage percentiles against budgets, tokens, cache, memory, pools, alerts, report, live updates', async () => {
    const page = await open('?tab=dashboard');
    const stages = page.getByRole('table').first();
    await stages.getByText('Generation').waitFor();
    await expect(page.locator('tr[data-stage="generation"]').textContent()).resolves.toMatch(/Generation \(23\)1100240030501500\/3000/);
    await page.getByText('48,250 of 200,000').waitFor();
    await page.getByText('warning 80%').waitFor();
    await page.getByText('Live sessions').waitFor();
    await page.getByRole('table').filter({ hasText: 'Gemini instances' }).getByText('default').waitFor();
    await page.getByRole('table').filter({ hasText: 'Each tier on its own' }).getByText('29%').waitFor();
    await page.getByText('generation took 3100 ms (max 3000 ms)').waitFor();
    await page.getByText(/Generation p95 is 2400 ms/).waitFor();
    // A pushed update moves the numbers without a reload.
    const snapshot = backend.dashboard();
    backend.events.emit('dashboard.update', { ...snapshot, at: Date.now() + 30_000, requests: 60, errors: 4 });
    await page.locator('.stats').getByText('60', { exact: true }).waitFor();
    // The pushed update has no memory field: the reading from dashboard.get stays, and memory.state events move it.
    await page.getByText('warning 80%').waitFor();
    backend.events.emit('memory.state', { level: 'warning', usage: 0.84 });
    await page.getByText('Memory in use (warning)').waitFor();
    await page.getByText('Memory warning: 84% in use.', { exact: false }).waitFor();
    backend.events.emit('alert', { severity: 'CRITICAL', message: 'p95 end to end 4200 ms over the 2000 ms alert line', at: Date.now() });
    await page.locator('.alert-list').getByText('p95 end to end 4200 ms').waitFor();
    await page.locator('.banner-critical').getByText('p95 end to end 4200 ms').waitFor();
    await expectAccessible(page, 'dashboard');
    await expectLayoutFits(page, 'dashboard 1280x800');
    await shoot(page, 'desktop-dashboard');
    await page.close();
  });

  it('settings: loads, saves changed fields as one patch, takes an API key without ever showing it', async () => {
    const page = await open('?tab=settings');
    const model = page.getByLabel('Code generation model');
    await expect.poll(() => model.inputValue()).toBe('gemini-3.5-flash');
    await model.fill('gemini-3.5-pro');
    await page.getByLabel('Memory cache size (MB)').fill('64');
    await page.getByLabel('Hotkey mode').selectOption('toggle');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved 3 changes.').waitFor();
    const update = backend.calls.filter((c) => c.method === 'settings.update').pop();
    expect(update?.params).toEqual({ patch: { gemini: { models: { codegen: 'gemini-3.5-pro' } }, cache: { l1: { maxBytes: 64 * 1024 * 1024 } }, hotkey: { mode: 'toggle' } } });
    await page.getByLabel('Pool', { exact: false }).first().isVisible();
    await page.getByLabel('Warm sessions (min)').fill('-3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Warm sessions (min) must be at least 0.').waitFor();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    const key = page.getByRole('textbox', { name: 'Gemini API key' });
    await expect(key.getAttribute('type')).resolves.toBe('password');
    await key.fill('AIzaSyTEST-not-a-real-key');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText('Key saved for this session only').waitFor();
    await expect(key.inputValue()).resolves.toBe('');
    expect(backend.calls.some((c) => c.method === 'settings.setApiKey' && (c.params as { apiKey: string }).apiKey === 'AIzaSyTEST-not-a-real-key')).toBe(true);
    await expect(page.content()).resolves.not.toContain('AIzaSyTEST');
    await page.getByRole('combobox', { name: 'Microphone' }).waitFor();
    await expectAccessible(page, 'settings');
    await expectLayoutFits(page, 'settings 1280x800');
    await shoot(page, 'desktop-settings');
    // Back to the defaults for the other tests.
    await page.getByLabel('Hotkey mode').selectOption('push-to-talk');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved 1 change.').waitFor();
    await page.close();
  });

  it('settings: says why the shared cache is off and takes a team secret without ever showing it', async () => {
    const page = await open('?tab=settings');
    await page.getByText('Shared cache off: set a team secret (VOICE_CODEGEN_TEAM_SECRET or Settings).').waitFor();
    const secret = page.getByRole('textbox', { name: 'Team secret (shared Redis cache)' });
    await expect(secret.getAttribute('type')).resolves.toBe('password');
    await secret.fill('an e2e team secret, long enough');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Saved for this session only. Shared cache on').waitFor();
    await expect(secret.inputValue()).resolves.toBe('');
    expect(backend.calls.some((c) => c.method === 'settings.setTeamSecret' && (c.params as { secret: string }).secret === 'an e2e team secret, long enough')).toBe(true);
    await expect(page.content()).resolves.not.toContain('an e2e team secret');
    await expectAccessible(page, 'settings shared cache');
    await expectLayoutFits(page, 'settings shared cache 1280x800');
    await page.close();
  });

  it('settings: shows what loading repaired and that a key is kept for this session only (issue 18)', async () => {
    const before = backend.settings;
    backend.settings = {
      ...before,
      warnings: ['Reset to default: setting "monitor.reportIntervalMs": must be a whole number from 60,000 to 604,800,000 ms'],
      keyNotice: 'This system has no usable keyring, so an API key you enter is kept for this session only and never written to disk.',
    };
    try {
      const page = await open('?tab=settings');
      await page.getByText(/Repaired when Voice CodeGen started: .*monitor\.reportIntervalMs/).waitFor();
      await page.getByText(/kept for this session only and never written to disk/).waitFor();
      await expectAccessible(page, 'settings with notices');
      await page.close();
    } finally {
      backend.settings = before;
    }
  });

  it('the overlay HUD (?view=overlay) at 420x300 and at the minimum 440x120: streaming, result, error (sizes per state: overlay-hud.test.ts)', async () => {
    for (const size of [OVERLAY, DESKTOP_OVERLAY]) {
      const page = await open('?view=overlay', size);
      const tag = `${size.width}x${size.height}`;
      await expect(page.getByRole('tab').count()).resolves.toBe(0);
      await expectLayoutFits(page, `overlay idle ${tag}`);
      await shoot(page, `overlay-${tag}-idle`);
      backend.hold();
      await page.getByLabel('Or type a request').fill('a typescript function that checks an email');
      await page.getByLabel('Or type a request').press('Enter');
      await page.getByLabel('Generated typescript code').waitFor();
      await expectLayoutFits(page, `overlay mid-stream ${tag}`);
      await expectAccessible(page, `overlay mid-stream ${tag}`);
      await shoot(page, `overlay-${tag}-streaming`);
      backend.release();
      await page.locator('.hud[data-state="done"]').waitFor();
      await expectLayoutFits(page, `overlay result ${tag}`);
      await expectAccessible(page, `overlay result ${tag}`);
      await shoot(page, `overlay-${tag}-result`);
      await page.getByRole('button', { name: 'Dismiss' }).click();
      backend.nextError = { code: 'MEMORY_PRESSURE', message: 'Memory is critical (93% in use); new requests are refused for now.', retryable: true };
      await page.getByLabel('Or type a request').fill('anything');
      await page.getByLabel('Or type a request').press('Enter');
      await page.locator('.hud[data-state="error"]').waitFor();
      await expectLayoutFits(page, `overlay error ${tag}`);
      await expectAccessible(page, `overlay error ${tag}`);
      await shoot(page, `overlay-${tag}-error-memory`);
      await page.close();
    }
  });

  it('the desktop overlay after a result: Paste, Copy, Open and Dismiss with their live chords, at its computed size and its minimum; Paste asks main', async () => {
    backend.infoOverride = { host: 'electron', note: undefined };
    try {
      const size = overlaySize({ kind: 'done', ...codeShape(TS_CODE) }, { width: 1920, height: 1040 });
      const page = await open('?view=overlay', size);
      await page.getByLabel('Or type a request').fill('a typescript function that checks an email');
      await page.getByLabel('Or type a request').press('Enter');
      await page.locator('.hud[data-state="done"]').waitFor();
      const keys = { paste: 'CommandOrControl+Alt+Shift+Enter', copy: 'CommandOrControl+Alt+Shift+Y', 'open-main': 'CommandOrControl+Alt+Shift+M', dismiss: 'CommandOrControl+Alt+Shift+X' };
      backend.events.emit('overlay.keys', { requestId: backend.lastRequestId, keys });
      await page.locator('.hud-chords').waitFor();
      await expect(page.locator('.hud-chords').textContent()).resolves.toMatch(/Ctrl\+Alt\+Shift \+ Enter paste · Y copy · M open · X dismiss/);
      for (const name of ['Paste', 'Copy', 'Open', 'Dismiss']) await expect(page.getByRole('button', { name, exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Paste', exact: true }).getAttribute('aria-keyshortcuts')).resolves.toBe('Control+Alt+Shift+Enter');
      // At the minimum the chord line gives way to the code (the buttons keep their aria-keyshortcuts).
      for (const [tag, viewport] of [['computed', size], ['minimum', OVERLAY_MIN]] as const) {
        await page.setViewportSize(viewport);
        await expectLayoutFits(page, `desktop overlay result at its ${tag} size ${viewport.width}x${viewport.height}`);
        await expectAccessible(page, `desktop overlay result ${tag}`);
        await shoot(page, `overlay-desktop-result-${tag}-${viewport.width}x${viewport.height}`);
      }
      await page.setViewportSize(size);
      backend.actionOutcome = { ok: false, message: 'Not pasted: paste is not set up in this app. Copied 4 lines again.' };
      await page.getByRole('button', { name: 'Paste', exact: true }).click();
      await page.getByText('Not pasted: paste is not set up').waitFor();
      expect(backend.calls.filter((c) => c.method === 'result.action').map((c) => c.params)).toEqual([{ requestId: backend.lastRequestId, action: 'paste' }]);
      // Released: the chord line goes, the buttons stay.
      backend.events.emit('overlay.keys', { requestId: null, keys: {} });
      await page.locator('.hud-chords').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await expect.poll(() => backend.calls.filter((c) => c.method === 'result.action').map((c) => (c.params as { action: string }).action)).toEqual(['paste', 'dismiss']);
      await page.close();
    } finally {
      backend.infoOverride = {};
      backend.actionOutcome = { ok: false, message: 'This window cannot paste into other apps: copy the code instead.' };
    }
  });

  it('every view fits a small window (420x300) without cutting anything off', async () => {
    for (const tab of ['history', 'dashboard', 'settings'] as const) {
      const page = await open(`?tab=${tab}`, OVERLAY);
      await page.getByRole('tab', { name: tab[0]?.toUpperCase() + tab.slice(1), selected: true }).waitFor();
      await sleep(150);
      await expectLayoutFits(page, `${tab} 420x300`);
      await expectAccessible(page, `${tab} 420x300`);
      await shoot(page, `small-${tab}`);
      await page.close();
    }
  });

  it('a critical alert shows as a banner that can be dismissed', async () => {
    const page = await open();
    backend.events.emit('alert', { severity: 'CRITICAL', message: '5 of the last 20 requests failed (25% in 5 min).', at: Date.now() });
    const banner = page.getByRole('alert').filter({ hasText: '5 of the last 20 requests failed' });
    await banner.waitFor();
    await expectAccessible(page, 'critical banner');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner.count()).resolves.toBe(0);
    await page.close();
  });

  it('settings → dictionary: add a term with what it sounds like, import a file, remove, export; snippets; keyboard first, axe clean', async () => {
    const page = await open('?tab=settings');
    const term = page.getByRole('textbox', { name: 'Term', exact: true });
    await term.waitFor();
    await term.focus();
    await page.keyboard.type('kubectl');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('dictionary-spoken');
    await page.keyboard.type('cube control');
    await page.keyboard.press('Enter');
    await page.getByText('Added kubectl.').waitFor();
    expect(backend.calls.filter((c) => c.method === 'dictionary.add').pop()?.params).toEqual({ term: 'kubectl', spoken: 'cube control' });
    await expect(term.inputValue()).resolves.toBe('');
    await page.getByRole('cell', { name: 'cube control', exact: true }).waitFor();
    await page.getByLabel('Import terms from a file (one per line, or CSV: term,sounds like)').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from('Postgres,post gres\nTypeScript\n') });
    await page.getByText('Imported 2 entries (2 new).').waitFor();
    await page.getByRole('button', { name: 'Remove TypeScript' }).click();
    await page.getByText('Removed TypeScript.').waitFor();
    await page.getByRole('button', { name: 'Export dictionary' }).click();
    await page.getByRole('link', { name: 'Download export' }).waitFor();
    await page.getByRole('textbox', { name: 'Snippet name' }).fill('debug template');
    await page.getByRole('textbox', { name: 'Snippet text' }).fill('console.debug({{clipboard}});');
    await page.getByRole('button', { name: 'Save snippet' }).click();
    await page.getByText('Saved the snippet debug template. Say "insert my debug template".').waitFor();
    await page.getByRole('button', { name: 'Remove snippet debug template' }).waitFor();
    await expectAccessible(page, 'settings dictionary');
    await expectLayoutFits(page, 'settings dictionary 1280x800');
    await shoot(page, 'desktop-settings-dictionary');
    backend.dictionary = [];
    backend.snippets = [];
    await page.close();
  });

  it('"add X to my dictionary" shows the spelling heard to correct, and saves only on confirmation', async () => {
    const callsBefore = backend.calls.length;
    const page = await open();
    await page.getByLabel('Or type a request').fill('add cube cuddle to my dictionary');
    await page.getByLabel('Or type a request').press('Enter');
    const spelling = page.getByRole('textbox', { name: 'Spelling' });
    await spelling.waitFor();
    await expect(spelling.inputValue()).resolves.toBe('cube cuddle');
    expect(backend.calls.slice(callsBefore).some((c) => c.method === 'dictionary.add')).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('confirm-term');
    await spelling.fill('kubectl');
    await page.keyboard.press('Tab');
    await page.keyboard.type('cube cuddle');
    await page.keyboard.press('Enter');
    await page.getByText('Added kubectl to your dictionary.').waitFor();
    expect(backend.calls.filter((c) => c.method === 'dictionary.add').pop()?.params).toEqual({ term: 'kubectl', spoken: 'cube cuddle' });
    await expectAccessible(page, 'dictionary confirm');
    backend.dictionary = [];
    await page.close();
  });

  it('no Content-Security-Policy violation (no eval, no inline script) and no uncaught error anywhere', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('when the app stops, the page says so and what to do (last: it closes the host)', async () => {
    const page = await open();
    await host.close();
    await page.getByText('Lost the connection to Voice CodeGen').waitFor();
    await shoot(page, 'desktop-connection-lost');
    await page.close();
  });
});
