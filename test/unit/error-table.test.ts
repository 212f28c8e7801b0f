// The one error table: every error code has a plain title, a one-line cause and its actions; retry times count down;
// hosts and models are named; incomplete answers are amber; a waiting request shows a countdown, never "writing".
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../main/core/errors.js';
import { mapGeminiError } from '../../main/gemini/errors.js';
import { applyPipelineEvent, beginRequest, INITIAL_DICTATION } from '../../renderer/src/model/dictation-state.js';
import { ERROR_TABLE, errorHelp, waitingTitle } from '../../renderer/src/model/error-help.js';

const apiError = (status: number, body: unknown): Error => Object.assign(new Error(JSON.stringify(body)), { name: 'ApiError', status });

describe('error table', () => {
  it.each(ERROR_CODES)('%s has a plain title without the code, a one-line cause and advice', (code) => {
    expect(ERROR_TABLE[code], `row for ${code}`).toBeDefined();
    const help = errorHelp({ code, message: 'internal text (open, retry in 14 s; QUOTA: …)', retryable: true });
    expect(help.title).not.toContain(code);
    expect(help.title).not.toMatch(/open, retry in|QUOTA:/);
    expect(help.cause.length).toBeGreaterThan(10);
    expect(help.cause).not.toContain('\n');
    expect(help.advice.length).toBeGreaterThan(5);
  });

  it('quota counts down from when the error arrived', () => {
    const error = { code: 'QUOTA', message: '', retryable: true, retryAfterMs: 14_000 };
    expect(errorHelp(error, { receivedAt: 1_000_000, now: 1_000_000 })).toMatchObject({ title: 'Gemini quota reached — try again in 14 s', countdownTo: 1_014_000, actions: ['retry'] });
    expect(errorHelp(error, { receivedAt: 1_000_000, now: 1_005_000 }).title).toBe('Gemini quota reached — try again in 9 s');
    expect(errorHelp(error, { receivedAt: 1_000_000, now: 1_020_000 }).countdownTo).toBeUndefined();
    expect(waitingTitle(error, 1_014_000, 1_000_000)).toBe('Gemini quota reached — retrying in 14 s');
    expect(waitingTitle(error, 1_014_000, 1_014_500)).toBe('Retrying now…');
    expect(errorHelp(error, { receivedAt: 1_000_000, now: 1_020_000 }).title).toBe('Gemini quota reached');
  });

  it('a rejected key says Google rejected it and offers Change key', () => {
    expect(errorHelp({ code: 'INVALID_KEY', message: '', retryable: false })).toMatchObject({ title: 'Google rejected the key', actions: ['change-key'] });
    const mapped = mapGeminiError(apiError(400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }));
    expect(errorHelp(mapped.toJSON()).cause).toBe('Google said: API key not valid. Please pass a valid API key.');
    // Paused after the rejection: still the key's row, not "not answering".
    expect(errorHelp({ code: 'NO_HEALTHY_INSTANCE', message: '', retryable: true, info: { cause: 'INVALID_KEY', host: 'h' } })).toMatchObject({ title: 'Google rejected the key', actions: ['change-key'] });
    expect(errorHelp({ code: 'NO_HEALTHY_INSTANCE', message: '', retryable: true, retryAfterMs: 5000, info: { cause: 'QUOTA' } }, { now: 0, receivedAt: 0 }).title).toBe('Gemini quota reached — try again in 5 s');
  });

  it('unreachable names the host; unavailable says since when and when the next try is', () => {
    expect(errorHelp({ code: 'NETWORK', message: '', retryable: true, info: { host: '127.0.0.1:9' } }).title).toBe('Cannot reach 127.0.0.1:9');
    const since = new Date(2026, 0, 1, 12, 3, 4).getTime();
    const help = errorHelp({ code: 'NO_HEALTHY_INSTANCE', message: '', retryable: true, info: { host: 'proxy.example:443', since, retryAt: since + 30_000, cause: 'UNAVAILABLE' } }, { now: since + 10_000 });
    expect(help.title).toBe('Gemini at proxy.example:443 is not answering');
    expect(help.cause).toContain('since 12:03:04');
    expect(help.advice).toContain('20 s');
  });

  it("an unknown model is named from Google's 404 and sends the user to Settings", () => {
    const mapped = mapGeminiError(apiError(404, { error: { code: 404, message: 'models/gemini-9-flash is not found for API version v1beta, or is not supported for streamGenerateContent.', status: 'NOT_FOUND' } }));
    expect(mapped.info?.model).toBe('gemini-9-flash');
    expect(errorHelp(mapped.toJSON())).toMatchObject({ title: 'Gemini does not know the model gemini-9-flash', actions: ['open-settings'] });
  });

  it('MAX_TOKENS is amber "incomplete" with Continue; SAFETY and RECITATION are amber too', () => {
    expect(errorHelp({ code: 'TRUNCATED', message: '', retryable: false })).toMatchObject({ tone: 'warning', actions: ['continue'] });
    expect(errorHelp({ code: 'TRUNCATED', message: '', retryable: false }).title).toMatch(/^Incomplete/);
    expect(errorHelp({ code: 'BLOCKED', message: '', retryable: false })).toMatchObject({ tone: 'warning' });
    expect(errorHelp({ code: 'MEMORY_PRESSURE', message: '', retryable: true }).tone).toBe('error');
    expect(errorHelp({ code: 'DISK_FULL', message: '', retryable: false }).title).toBe('The disk is full');
  });

  it('the payload keeps its facts across the wire (toJSON carries info)', () => {
    const e = new AppError('NETWORK', 'x', { info: { host: 'h:1' } });
    expect(e.toJSON()).toMatchObject({ info: { host: 'h:1' } });
  });
});

describe('dictation state while a retry waits', () => {
  const reason = { code: 'QUOTA', message: 'quota', retryable: true, retryAfterMs: 3000 };
  it('the waiting event replaces "generating" until code arrives, then streaming goes on', () => {
    let s = beginRequest(INITIAL_DICTATION, 'text', 'write a function');
    s = applyPipelineEvent(s, { type: 'transcript.final', text: 'write a function' }, 1000);
    s = applyPipelineEvent(s, { type: 'waiting', stage: 'generation', until: 4000, delayMs: 3000, reason }, 1000);
    expect(s).toMatchObject({ phase: 'waiting', waiting: { until: 4000 } });
    s = applyPipelineEvent(s, { type: 'code.chunk', text: 'def f' }, 4100);
    expect(s).toMatchObject({ phase: 'generating', waiting: null });
  });

  it('an incomplete result keeps its code and shows the incomplete error beside it', () => {
    let s = beginRequest(INITIAL_DICTATION, 'text', 'x');
    const result = { code: 'def f(', language: 'python', answer: 'def f(', intent: 'generic' as const, transcript: 'x', complete: false, finishReason: 'MAX_TOKENS', cached: null, historyId: 1, timings: {} };
    s = applyPipelineEvent(s, { type: 'result', result }, 1);
    s = applyPipelineEvent(s, { type: 'error', error: { code: 'TRUNCATED', message: 'cut', retryable: false } }, 2);
    expect(s).toMatchObject({ phase: 'done', result: { code: 'def f(' }, error: { code: 'TRUNCATED' } });
  });
});
