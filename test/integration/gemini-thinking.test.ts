// Thinking per model family against the simulator through the real SDK: the form each model takes, never both fields.
import { GoogleGenAI } from '@google/genai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodeGenerator } from '../../main/gemini/code-generator.js';
import type { Logger } from '../../main/core/logger.js';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startHarness } from '../support/app-harness.js';
import { simulatorEndpoint, startSimulator, TEST_RETRY } from '../support/simulator.js';

let sim: GeminiSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.clearFaults();
  sim.resetStats();
});
afterAll(async () => {
  await sim.close();
});

function recordingLogger(lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }>): Logger {
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (fields, message) => lines.push({ level: 'debug', fields: { ...bindings, ...fields }, message }),
    info: (fields, message) => lines.push({ level: 'info', fields: { ...bindings, ...fields }, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: { ...bindings, ...fields }, message }),
    error: (fields, message) => lines.push({ level: 'error', fields: { ...bindings, ...fields }, message }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

async function generateWith(codegen: string, logger?: Logger): Promise<void> {
  const gen = new CodeGenerator({ endpoint: simulatorEndpoint(sim, { models: { ...simulatorEndpoint(sim).models, codegen } }), temperature: 0.2, maxOutputTokens: 2048, retry: TEST_RETRY, ...(logger ? { logger } : {}) });
  for await (const chunk of gen.generate({ systemInstruction: 'You write code.', prompt: 'write a function that adds two numbers', signal: AbortSignal.timeout(10_000) })) void chunk;
}

describe('thinking config per model family', () => {
  it('sends thinkingLevel MINIMAL (and no budget) to a Gemini 3 Flash model', async () => {
    await generateWith('gemini-3.8-flash');
    const [request] = sim.stats().rest.requests;
    expect(request).toMatchObject({ model: 'gemini-3.8-flash', status: 200, thinkingLevel: 'MINIMAL', thinkingBudget: null, thoughtsTokens: 0 });
  });

  it('sends thinkingBudget 0 (and no level) to Gemini 2.5 Flash', async () => {
    await generateWith('gemini-2.5-flash');
    expect(sim.stats().rest.requests[0]).toMatchObject({ model: 'gemini-2.5-flash', thinkingBudget: 0, thinkingLevel: null });
  });

  it('sends no thinking config to a model it does not know, and says so in the log', async () => {
    const lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> = [];
    await generateWith('gemini-9.1-flash-experimental', recordingLogger(lines));
    expect(sim.stats().rest.requests[0]).toMatchObject({ thinkingBudget: null, thinkingLevel: null });
    expect(lines.some((l) => l.level === 'warn' && l.fields.model === 'gemini-9.1-flash-experimental' && /thinking/.test(l.message ?? ''))).toBe(true);
  });

  it('the app defaults to gemini-3.8-flash for code and gemini-3.5-flash-lite for intent assist, both at MINIMAL', async () => {
    const h = await startHarness({ simulator: sim, settings: { intent: { assistBelowConfidence: 1, timeoutMs: 5_000 } } });
    try {
      await h.app.runText({ text: 'make it nicer', noCache: true }, () => undefined);
      const requests = sim.stats().rest.requests;
      const assist = requests.find((r) => r.kind === 'generateContent');
      const generation = requests.find((r) => r.kind === 'streamGenerateContent');
      expect(assist).toMatchObject({ model: 'gemini-3.5-flash-lite', thinkingLevel: 'MINIMAL', thinkingBudget: null, status: 200 });
      expect(generation).toMatchObject({ model: 'gemini-3.8-flash', thinkingLevel: 'MINIMAL', thinkingBudget: null, status: 200 });
    } finally {
      await h.close();
    }
  });
});

describe('the simulator checks thinking as Google does', () => {
  const ai = (): GoogleGenAI => new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } });

  it('answers both fields in one request with 400 INVALID_ARGUMENT', async () => {
    const error = await ai().models.generateContent({ model: 'gemini-3.8-flash', contents: 'hi', config: { thinkingConfig: { thinkingBudget: 0, thinkingLevel: 'MINIMAL' as never } } }).then(() => null, (e: unknown) => e as { status?: number; message?: string });
    expect(error?.status).toBe(400);
    expect(error?.message).toMatch(/INVALID_ARGUMENT/);
  });

  it('on a Gemini 3 model, thinkingBudget 0 is not "off": it thinks at the default level and bills thinking tokens', async () => {
    const response = await ai().models.generateContent({ model: 'gemini-3.8-flash', contents: 'write hello world', config: { thinkingConfig: { thinkingBudget: 0 } } });
    expect(response.usageMetadata?.thoughtsTokenCount ?? 0).toBeGreaterThan(0);
    expect(sim.stats().rest.requests[0]).toMatchObject({ thinkingLevel: null, thinkingBudget: 0, effectiveThinkingLevel: 'MEDIUM' });
  });

  it('thinking tokens come out of maxOutputTokens: a small cap with thinking on returns no text', async () => {
    const response = await ai().models.generateContent({ model: 'gemini-3.5-flash-lite', contents: 'classify this', config: { maxOutputTokens: 8 } });
    expect(response.text ?? '').toBe('');
    expect(response.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
  });
});
