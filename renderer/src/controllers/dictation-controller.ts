// Runs one dictation or typed request at a time against the Api: capture, start/stop/cancel, events folded into view state.
import type { Api, AppErrorPayload, EditTarget, EventPayload, PipelineEvent, QuickCommand, ResultAction, SwitchableProfile } from '../../../preload/contract';
import { applyPipelineEvent, beginRequest, INITIAL_DICTATION, isBusy, type DictationState } from '../model/dictation-state';
import { toErrorPayload } from '../model/error-help';
import type { CaptureHandle, CaptureStarter } from '../platform/capture-port';
import { copyText } from '../platform/clipboard';

export interface DictationControllerOptions {
  /** The microphone chosen in settings, read at each start. */
  deviceId?: () => string | undefined;
  /** Forces a target language ("typescript") over the one the request names; leave unset to let main decide. */
  language?: () => string | undefined;
  hotkeyMode?: () => 'push-to-talk' | 'toggle';
  /** Try the browser clipboard as soon as a complete result arrives (main copies when it can). */
  autoCopy?: boolean;
}

const MAX_BUFFERED_EVENTS = 200;
const LEVEL_INTERVAL_MS = 50;

export class DictationController {
  private state: DictationState = INITIAL_DICTATION;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: Array<() => void> = [];
  /** Bumped by every new request and by cancel: async work of an older one checks it and stands down. */
  private generation = 0;
  private capture: CaptureHandle | null = null;
  private pendingChunks: ArrayBuffer[] = [];
  /** Events that arrived before the start call told us our request id. */
  private early: Array<EventPayload<'pipeline.event'>> = [];
  private released = false;
  private lastLevelAt = 0;
  /** Where an edit's selection comes from (the browser's editor pane): asked at each spoken or typed request. */
  private editSource: (() => EditTarget | undefined) | null = null;

  constructor(
    private readonly api: Api,
    private readonly startCapture: CaptureStarter,
    private readonly options: DictationControllerOptions = {},
  ) {
    this.disposers.push(api.on('pipeline.event', (payload) => this.onPipelineEvent(payload)));
    this.disposers.push(api.on('hotkey.state', (payload) => this.onHotkey(payload.state)));
  }

  readonly getState = (): DictationState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get voiceActive(): boolean {
    return this.state.source === 'voice' && (this.state.phase === 'starting' || this.state.phase === 'listening');
  }

  /** Push-to-talk pressed: start capturing and a dictation request in parallel. */
  async startVoice(): Promise<void> {
    if (this.voiceActive) return;
    if (isBusy(this.state)) await this.cancel();
    const gen = ++this.generation;
    this.released = false;
    this.pendingChunks = [];
    this.early = [];
    this.set(beginRequest(this.state, 'voice'));
    const language = this.options.language?.();
    const deviceId = this.options.deviceId?.();
    const captureStarted = Promise.resolve().then(() =>
      this.startCapture({
        ...(deviceId ? { deviceId } : {}),
        onChunk: (pcm16) => {
          if (gen !== this.generation) return;
          if (this.state.requestId === null) this.pendingChunks.push(pcm16);
          else this.api.sendAudio(this.state.requestId, pcm16);
        },
        onLevel: (rms) => this.onLevel(gen, rms),
        onError: (error) => {
          if (gen !== this.generation) return;
          void this.abandon({ code: error.code, message: error.message, retryable: true });
        },
      }),
    );
    const edit = this.editTarget();
    const requestStarted = this.api.call('dictation.start', { ...(language ? { language } : {}), ...(edit ? { edit } : {}) });
    const [capture, request] = await Promise.allSettled([captureStarted, requestStarted]);
    if (capture.status === 'fulfilled') this.capture = capture.value;
    if (request.status === 'fulfilled') this.adopt(gen, request.value.requestId);
    if (gen !== this.generation) {
      // Cancelled, failed or replaced while starting: release what did start.
      await this.stopCapture();
      if (request.status === 'fulfilled' && this.state.requestId !== request.value.requestId) await this.cancelRequest(request.value.requestId);
      return;
    }
    if (capture.status === 'rejected') {
      await this.abandon({ ...toErrorPayload(capture.reason), code: micErrorCode(capture.reason) });
      return;
    }
    if (request.status === 'rejected') {
      await this.stopCapture();
      this.fail(toErrorPayload(request.reason));
      return;
    }
    if (this.state.phase === 'starting') this.set({ ...this.state, phase: 'listening' });
    for (const chunk of this.pendingChunks.splice(0)) this.api.sendAudio(request.value.requestId, chunk);
    if (this.released) await this.stopVoice();
  }

  /** Push-to-talk released: stop capturing, let main finish the transcript and generate. */
  async stopVoice(): Promise<void> {
    this.released = true;
    if (!this.voiceActive || this.state.requestId === null) return;
    const requestId = this.state.requestId;
    const gen = this.generation;
    await this.stopCapture();
    if (gen !== this.generation) return;
    this.set({ ...this.state, phase: this.state.phase === 'listening' || this.state.phase === 'starting' ? 'transcribing' : this.state.phase, level: 0 });
    try {
      await this.api.call('dictation.stop', { requestId });
    } catch (error) {
      if (gen === this.generation) this.fail(toErrorPayload(error));
    }
  }

  /** Switches the app profile of the dictation being recorded, for this request only ('auto': the focused app's). */
  async switchProfile(profile: SwitchableProfile): Promise<void> {
    const requestId = this.state.requestId;
    if (requestId === null || !isBusy(this.state)) return;
    try {
      await this.api.call('dictation.profile', { requestId, profile });
    } catch (error) {
      this.fail(toErrorPayload(error));
    }
  }

  /** A typed request: the same pipeline from the transcript stage on. */
  async submitText(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    await this.startTyped(trimmed, () => {
      const language = this.options.language?.();
      const edit = this.editTarget();
      return this.api.call('request.text', { text: trimmed, ...(language ? { language } : {}), ...(edit ? { edit } : {}) });
    });
  }

  /**
   * A quick command on the clipboard's code. readClipboard (browser mode) reads the browser's clipboard within the
   * user's click, with the browser's permission, and sends the text; without it main reads the system clipboard.
   */
  async submitQuick(command: QuickCommand, readClipboard?: () => Promise<string>): Promise<void> {
    // Started before anything is awaited, so the read happens inside the click's user activation.
    const reading = readClipboard?.();
    await this.startTyped('', async (gen) => {
      const clipboard = reading ? await reading : undefined;
      if (gen !== this.generation) return undefined;
      return this.api.call('request.quick', { command, ...(clipboard !== undefined ? { clipboard } : {}) });
    });
  }

  /**
   * A request without the microphone (typed, quick command): cancels one in flight, shows it started, and follows
   * the request main opens, unless a newer one began meanwhile. send: undefined when there is nothing to send any more.
   */
  private async startTyped(transcript: string, send: (gen: number) => Promise<{ requestId: number } | undefined>): Promise<void> {
    if (isBusy(this.state)) await this.cancel();
    const gen = ++this.generation;
    this.early = [];
    this.set(beginRequest(this.state, 'text', transcript));
    try {
      const started = await send(gen);
      if (started === undefined) return;
      if (gen !== this.generation) {
        await this.cancelRequest(started.requestId);
        return;
      }
      this.adopt(gen, started.requestId);
    } catch (error) {
      if (gen === this.generation) this.fail(toErrorPayload(error));
    }
  }

  /** After a MAX_TOKENS cut: asks Gemini for the rest of the code shown, as a typed request. */
  async continueAnswer(): Promise<void> {
    const result = this.state.result;
    if (!result || result.complete || !result.code) return;
    // Bounded by the request's own limit (100 000 characters): the end of the code is what the rest follows.
    const tail = result.code.slice(-90_000);
    await this.submitText(`Continue this ${result.language} code exactly where it stops, without repeating it; answer with only the rest:\n${tail}`);
  }

  /** Esc, or a new request: stops capture, cancels the request in main, frees its resources. */
  async cancel(): Promise<void> {
    if (!isBusy(this.state)) return;
    const requestId = this.state.requestId;
    this.generation++;
    this.set({ ...INITIAL_DICTATION, phase: 'cancelled', source: this.state.source, transcript: this.state.transcript, partial: this.state.partial });
    await this.stopCapture();
    if (requestId !== null) await this.cancelRequest(requestId);
  }

  /** Copies the current result's code (or any text passed in). */
  async copy(text?: string): Promise<boolean> {
    const value = text ?? this.state.result?.code ?? '';
    if (!value) return false;
    const ok = await copyText(this.api, value);
    this.set({ ...this.state, copied: ok ? 'copied' : 'failed' });
    return ok;
  }

  /**
   * Sets where an edit's selection comes from; returns the function that unsets it. With a selection there, spoken and
   * typed requests edit it (the `edit` parameter); without one they write new code as before.
   */
  setEditSource(source: () => EditTarget | undefined): () => void {
    this.editSource = source;
    return () => {
      if (this.editSource === source) this.editSource = null;
    };
  }

  /** An overlay button (apply an edit over the selection, paste, dismiss...) answered by the desktop shell. */
  async resultAction(action: ResultAction): Promise<{ ok: boolean; message?: string }> {
    const requestId = this.state.requestId;
    if (requestId === null) return { ok: false };
    try {
      return await this.api.call('result.action', { requestId, action });
    } catch (error) {
      return { ok: false, message: toErrorPayload(error).message };
    }
  }

  dismiss(): void {
    if (isBusy(this.state)) return;
    this.set({ ...INITIAL_DICTATION });
  }

  dispose(): void {
    this.generation++;
    for (const d of this.disposers.splice(0)) d();
    void this.stopCapture();
    this.listeners.clear();
  }

  private editTarget(): EditTarget | undefined {
    const target = this.editSource?.();
    return target && target.selection !== '' ? target : undefined;
  }

  private onHotkey(state: 'down' | 'up' | 'cancel'): void {
    const toggle = this.options.hotkeyMode?.() === 'toggle';
    if (state === 'cancel') void this.cancel();
    else if (state === 'down') void (toggle && this.voiceActive ? this.stopVoice() : this.startVoice());
    else if (!toggle) void this.stopVoice();
  }

  private onPipelineEvent(payload: EventPayload<'pipeline.event'>): void {
    if (this.state.requestId === null) {
      if (isBusy(this.state) && this.early.length < MAX_BUFFERED_EVENTS) this.early.push(payload);
      return;
    }
    if (payload.requestId !== this.state.requestId) return;
    this.apply(payload.event);
  }

  private adopt(gen: number, requestId: number): void {
    if (gen !== this.generation) return;
    this.set({ ...this.state, requestId });
    const early = this.early.splice(0);
    for (const p of early) if (p.requestId === requestId) this.apply(p.event);
  }

  private apply(event: PipelineEvent): void {
    const before = this.state;
    this.set(applyPipelineEvent(before, event));
    if (event.type === 'result' && this.options.autoCopy && event.result.complete && event.result.copied !== true && event.result.code) {
      void this.autoCopy(event.result.code);
    }
    if (event.type === 'error' || event.type === 'result') void this.stopCapture();
  }

  private async autoCopy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      if (this.state.result?.code === code) this.set({ ...this.state, copied: 'copied' });
    } catch {
      // Not allowed without a user gesture here: the copy button remains.
    }
  }

  private onLevel(gen: number, rms: number): void {
    if (gen !== this.generation) return;
    const now = performance.now();
    if (now - this.lastLevelAt < LEVEL_INTERVAL_MS) return;
    this.lastLevelAt = now;
    this.set({ ...this.state, level: Math.max(0, Math.min(1, rms)) });
  }

  private async abandon(error: AppErrorPayload): Promise<void> {
    const requestId = this.state.requestId;
    this.fail(error);
    await this.stopCapture();
    if (requestId !== null) await this.cancelRequest(requestId);
  }

  private fail(error: AppErrorPayload): void {
    this.generation++;
    this.set({ ...this.state, phase: 'error', error, errorAt: Date.now(), waiting: null, level: 0 });
  }

  private async stopCapture(): Promise<void> {
    const capture = this.capture;
    this.capture = null;
    if (!capture) return;
    try {
      await capture.stop();
    } catch {
      // The device may already be gone; nothing left to release.
    }
  }

  private async cancelRequest(requestId: number): Promise<void> {
    try {
      await this.api.call('request.cancel', { requestId });
    } catch {
      // Already finished or the connection is gone: nothing to cancel.
    }
  }

  private set(next: DictationState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }
}

function micErrorCode(reason: unknown): string {
  if (reason && typeof reason === 'object' && 'code' in reason && typeof (reason as { code: unknown }).code === 'string') return (reason as { code: string }).code;
  return 'NO_MICROPHONE';
}
