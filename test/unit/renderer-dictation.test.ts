// The dictation controller and its reducer with a hand-written Api and capture: what the user sees for each pipeline event,
// push-to-talk races (release before start answers, Esc while starting), audio chunks never lost, errors that cancel the request.
import { describe, expect, it } from 'vitest';
import type { Api, MethodName, MethodParams, MethodResult, PipelineResult } from '../../preload/contract.js';
import { DictationController } from '../../renderer/src/controllers/dictation-controller.js';
import { applyPipelineEvent, beginRequest, INITIAL_DICTATION, streamingCode, streamingLanguage } from '../../renderer/src/model/dictation-state.js';
import type { CaptureOptions, CaptureStarter } from '../../renderer/src/platform/capture-port.js';
import { FakeApiEvents } from '../support/fake-api-events.js';

type Handler = (params: unknown) => unknown;

class FakeApi extends FakeApiEvents implements Api {
  readonly calls: Array<{ method: string; params: unknown }> = [];
  readonly audio: Array<{ requestId: number; bytes: number }> = [];
  constructor(private readonly handlers: Partial<Record<MethodName, Handler>>) {
    super();
  }

  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    this.calls.push({ method, params });
    const h = this.handlers[method];
    if (!h) throw Object.assign(new Error(`${method} not available`), { code: 'INTERNAL', retryable: false });
    return (await h(params)) as MethodResult<M>;
  }

  sendAudio(requestId: number, pcm16: ArrayBuffer): void {
    this.audio.push({ requestId, bytes: pcm16.byteLength });
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A capture that records its options so the test can play chunks and levels through it. */
function fakeCapture(): { start: CaptureStarter; options: () => CaptureOptions; stopped: () => number } {
  let opts: CaptureOptions | null = null;
  let stops = 0;
  return {
    start: (o) => {
      opts = o;
      return { stop: () => void stops++ };
    },
    options: () => {
      if (!opts) throw new Error('capture not started');
      return opts;
    },
    stopped: () => stops,
  };
}

const RESULT: PipelineResult = {
  code: 'def f():\n    return 1\n', language: 'python', answer: '```python\ndef f():\n    return 1\n```', intent: 'generate_function', transcript: 'write f',
  complete: true, finishReason: 'STOP', cached: null, historyId: 7, timings: { transcription: 300, intent: 1, generation: 900, total: 1250 },
};

describe('dictation state', () => {
  it('folds partials, intent, chunks and the result into what the view shows', () => {
    let s = beginRequest(INITIAL_DICTATION, 'voice');
    s = applyPipelineEvent({ ...s, phase: 'listening', requestId: 1 }, { type: 'transcript.partial', text: 'write' });
    expect(s.partial).toBe('write');
    s = applyPipelineEvent(s, { type: 'transcript.final', text: 'write f' });
    expect(s.phase).toBe('generating');
    s = applyPipelineEvent(s, { type: 'intent', intent: 'generate_function', slots: { language: 'python' }, confidence: 0.9 });
    s = applyPipelineEvent(s, { type: 'code.chunk', text: '```python\ndef f' });
    expect(streamingCode(s.streamed)).toBe('def f');
    expect(streamingLanguage(s.streamed)).toBe('python');
    s = applyPipelineEvent(s, { type: 'result', result: RESULT });
    expect(s.phase).toBe('done');
    expect(s.timings.total).toBe(1250);
    // Late events of a finished request change nothing but timings, and main's "copied" echo.
    expect(applyPipelineEvent(s, { type: 'code.chunk', text: 'x' })).toBe(s);
    expect(applyPipelineEvent(s, { type: 'result', result: { ...RESULT, copied: true } }).copied).toBe('copied');
  });

  it('strips a closing fence while streaming', () => {
    expect(streamingCode('```ts\nconst a = 1;\n```\nSome words')).toBe('const a = 1;');
  });
});

describe('dictation controller', () => {
  it('buffers audio until the request id is known, then sends it in order to that request', async () => {
    const start = deferred<{ requestId: number }>();
    const api = new FakeApi({ 'dictation.start': () => start.promise, 'dictation.stop': () => ({ ok: true }) });
    const capture = fakeCapture();
    const c = new DictationController(api, capture.start);
    const starting = c.startVoice();
    await Promise.resolve();
    await Promise.resolve();
    capture.options().onChunk(new ArrayBuffer(3200));
    capture.options().onChunk(new ArrayBuffer(3200));
    expect(api.audio).toEqual([]);
    start.resolve({ requestId: 5 });
    await starting;
    expect(c.getState().phase).toBe('listening');
    capture.options().onChunk(new ArrayBuffer(1600));
    expect(api.audio).toEqual([{ requestId: 5, bytes: 3200 }, { requestId: 5, bytes: 3200 }, { requestId: 5, bytes: 1600 }]);
    await c.stopVoice();
    expect(capture.stopped()).toBe(1);
    expect(api.count('dictation.stop')).toBe(1);
    expect(c.getState().phase).toBe('transcribing');
  });

  it('a release before the start call answers still stops the request once it has an id', async () => {
    const start = deferred<{ requestId: number }>();
    const api = new FakeApi({ 'dictation.start': () => start.promise, 'dictation.stop': () => ({ ok: true }) });
    const c = new DictationController(api, fakeCapture().start);
    const starting = c.startVoice();
    await c.stopVoice();
    expect(api.count('dictation.stop')).toBe(0);
    start.resolve({ requestId: 9 });
    await starting;
    expect(api.calls.find((x) => x.method === 'dictation.stop')?.params).toEqual({ requestId: 9 });
  });

  it('Esc while starting cancels the request main opened and releases the microphone', async () => {
    const start = deferred<{ requestId: number }>();
    const api = new FakeApi({ 'dictation.start': () => start.promise, 'request.cancel': () => ({ ok: true }) });
    const capture = fakeCapture();
    const c = new DictationController(api, capture.start);
    const starting = c.startVoice();
    await Promise.resolve();
    await c.cancel();
    expect(c.getState().phase).toBe('cancelled');
    start.resolve({ requestId: 11 });
    await starting;
    expect(api.calls.find((x) => x.method === 'request.cancel')?.params).toEqual({ requestId: 11 });
    expect(capture.stopped()).toBe(1);
  });

  it('a microphone that cannot start shows NO_MICROPHONE and cancels the dictation in main', async () => {
    const api = new FakeApi({ 'dictation.start': () => ({ requestId: 3 }), 'request.cancel': () => ({ ok: true }) });
    const denied: CaptureStarter = () => Promise.reject(Object.assign(new Error('Voice CodeGen is not allowed to use the microphone.'), { code: 'NO_MICROPHONE' }));
    const c = new DictationController(api, denied);
    await c.startVoice();
    expect(c.getState().phase).toBe('error');
    expect(c.getState().error).toMatchObject({ code: 'NO_MICROPHONE', message: 'Voice CodeGen is not allowed to use the microphone.' });
    expect(api.count('request.cancel')).toBe(1);
  });

  it('events that arrive before the id is known are replayed; other requests\' events are ignored', async () => {
    const api = new FakeApi({});
    const c = new DictationController(api, fakeCapture().start);
    const text = deferred<{ requestId: number }>();
    (api as unknown as { handlers: Record<string, Handler> }).handlers['request.text'] = () => text.promise;
    const submitting = c.submitText('write f');
    api.emit('pipeline.event', { requestId: 21, event: { type: 'intent', intent: 'generate_function', slots: {}, confidence: 0.8 } });
    api.emit('pipeline.event', { requestId: 20, event: { type: 'code.chunk', text: 'stale' } });
    text.resolve({ requestId: 21 });
    await submitting;
    expect(c.getState().intent?.name).toBe('generate_function');
    api.emit('pipeline.event', { requestId: 21, event: { type: 'code.chunk', text: 'def f' } });
    api.emit('pipeline.event', { requestId: 20, event: { type: 'code.chunk', text: 'stale' } });
    expect(c.getState().streamed).toBe('def f');
    api.emit('pipeline.event', { requestId: 21, event: { type: 'result', result: RESULT } });
    expect(c.getState().result?.historyId).toBe(7);
  });

  it('a new typed request cancels the one in flight', async () => {
    let next = 30;
    const api = new FakeApi({ 'request.text': () => ({ requestId: next++ }), 'request.cancel': () => ({ ok: true }) });
    const c = new DictationController(api, fakeCapture().start);
    await c.submitText('first');
    await c.submitText('second');
    expect(api.calls.find((x) => x.method === 'request.cancel')?.params).toEqual({ requestId: 30 });
    expect(c.getState().requestId).toBe(31);
    expect(c.getState().transcript).toBe('second');
  });

  it('the hotkey drives push-to-talk (down, up) and Esc-style cancel from main', async () => {
    const api = new FakeApi({ 'dictation.start': () => ({ requestId: 40 }), 'dictation.stop': () => ({ ok: true }), 'request.cancel': () => ({ ok: true }) });
    const c = new DictationController(api, fakeCapture().start);
    api.emit('hotkey.state', { state: 'down' });
    await new Promise((r) => setTimeout(r, 0));
    expect(c.getState().phase).toBe('listening');
    api.emit('hotkey.state', { state: 'up' });
    await new Promise((r) => setTimeout(r, 0));
    expect(api.count('dictation.stop')).toBe(1);
    api.emit('hotkey.state', { state: 'cancel' });
    await new Promise((r) => setTimeout(r, 0));
    expect(c.getState().phase).toBe('cancelled');
    expect(api.count('request.cancel')).toBe(1);
  });

  it('copy falls back to main when there is no browser clipboard', async () => {
    const api = new FakeApi({ 'clipboard.copy': () => ({ ok: true }) });
    const c = new DictationController(api, fakeCapture().start);
    await expect(c.copy('code')).resolves.toBe(true);
    expect(api.calls.find((x) => x.method === 'clipboard.copy')?.params).toEqual({ text: 'code' });
  });
});
