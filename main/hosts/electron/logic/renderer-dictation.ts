// A hotkey dictation whose microphone is in the overlay window: the renderer records and calls dictation.start/stop;
// main follows that request by id (from the IPC outcome) and resolves with its result, so it can copy it and cancel it.
import type { EditTarget, EventName, PipelineResult } from '../../../../preload/contract.js';
import type { DictationHandle } from '../../../app/app-types.js';
import type { CallOutcome } from '../../../app/api-router.js';
import { AppError, type ErrorCode, ERROR_CODES } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { DictationStartHooks, DictationStarter } from './dictation-controller.js';

export interface RendererDictationOptions {
  /** Sends hotkey.state to the capture (overlay) window only: every window's renderer would otherwise start recording. */
  sendHotkeyState(state: 'down' | 'up' | 'cancel'): void;
  /** The capture window's client id (window:<webContents id>), when it exists. */
  captureClientId(): string | undefined;
  /** The renderer mirrors the physical key from settings.hotkey.mode: in toggle mode a second "down" stops it. */
  rendererMode(): 'push-to-talk' | 'toggle';
  router: { call(method: string, params: unknown, ctx: { clientId: string }): Promise<CallOutcome> };
  events: { subscribe(listener: (event: EventName, payload: unknown) => void): () => void };
  logger: Logger;
  /** How long the renderer may take to call dictation.start before we say the microphone did not start. */
  startTimeoutMs?: number;
}

interface Pending {
  requestId: number;
  settle(outcome: { result: PipelineResult } | { error: AppError }): void;
  handle: DictationHandle;
  /** The selection read at hotkey down, added to the overlay's dictation.start (edit by voice). */
  edit?: Promise<EditTarget | undefined>;
}

const asCode = (code: string): ErrorCode => ((ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL');

export class RendererDictation implements DictationStarter {
  private current: Pending | undefined;

  constructor(private readonly options: RendererDictationOptions) {}

  /** The IPC guard reports each call's outcome: the capture window's dictation.start tells us which request to follow. */
  observeCall(method: string, clientId: string, outcome: CallOutcome): void {
    const pending = this.current;
    if (method !== 'dictation.start' || pending === undefined || pending.requestId !== 0) return;
    if (clientId !== this.options.captureClientId()) return;
    if (outcome.ok) pending.requestId = (outcome.result as { requestId: number }).requestId;
    else pending.settle({ error: new AppError(asCode(outcome.error.code), outcome.error.message) });
  }

  /**
   * Before the capture window's dictation.start reaches the app: adds the selection read at hotkey down. The renderer
   * is already recording (it keeps the chunks until it has a request id), so waiting for the selection here costs
   * the audio nothing. Rejects with the capture's error (a selection over the size limit), which fails the start.
   */
  async prepareCall(method: string, clientId: string, params: unknown): Promise<unknown> {
    const pending = this.current;
    if (method !== 'dictation.start' || pending?.edit === undefined || pending.requestId !== 0 || clientId !== this.options.captureClientId()) return params;
    const edit = await pending.edit;
    if (edit === undefined || typeof params !== 'object' || params === null || 'edit' in params) return params;
    return { ...params, edit };
  }

  start(hooks?: DictationStartHooks): DictationHandle {
    const { options } = this;
    let finishing = false;
    let outcome: { result: PipelineResult } | { error: AppError } | undefined;
    let waiter: ((o: { result: PipelineResult } | { error: AppError }) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = options.events.subscribe((event, payload) => {
      if (event !== 'pipeline.event') return;
      const p = payload as { requestId: number; event: { type: string; result?: PipelineResult; error?: { code: string; message: string } } };
      if (p.requestId !== pending.requestId || pending.requestId === 0) return;
      // A result marked copied is our own echo to the overlay; the first one is the pipeline's.
      if (p.event.type === 'result' && p.event.result && p.event.result.copied !== true) settle({ result: p.event.result });
      else if (p.event.type === 'error' && p.event.error) settle({ error: new AppError(asCode(p.event.error.code), p.event.error.message) });
    });
    const settle = (o: { result: PipelineResult } | { error: AppError }): void => {
      if (outcome !== undefined) return;
      outcome = o;
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      if (this.current === pending) this.current = undefined;
      waiter?.(o);
      // Failed while the key is still held (recording refused, no key...): say so now, not at release.
      if (!finishing && 'error' in o && o.error.code !== 'CANCELLED') hooks?.onFailed(o.error);
    };
    const handle: DictationHandle = {
      get requestId() {
        return pending.requestId;
      },
      push: () => undefined, // audio goes from the renderer to the app directly
      finish: () => {
        finishing = true;
        options.sendHotkeyState(options.rendererMode() === 'toggle' ? 'down' : 'up');
        if (pending.requestId === 0 && outcome === undefined) {
          timer = setTimeout(() => settle({ error: new AppError('NO_MICROPHONE', 'Recording did not start in the dictation window: check that a microphone is connected and allowed, then try again.') }), options.startTimeoutMs ?? 3_000);
        }
        return new Promise<PipelineResult>((resolve, reject) => {
          const done = (o: { result: PipelineResult } | { error: AppError }): void => ('result' in o ? resolve(o.result) : reject(o.error));
          if (outcome !== undefined) done(outcome);
          else waiter = done;
        });
      },
      cancel: () => {
        options.sendHotkeyState('cancel');
        const id = pending.requestId;
        const client = options.captureClientId();
        if (id !== 0 && client !== undefined) {
          // The renderer cancels too; asking the app directly frees the session even if the overlay is stuck.
          options.router.call('request.cancel', { requestId: id }, { clientId: client }).catch((error: unknown) => options.logger.warn({ requestId: id, error: String(error) }, 'cancel failed'));
        }
        settle({ error: new AppError('CANCELLED', 'The dictation was cancelled.') });
      },
    };
    const pending: Pending = { requestId: 0, settle, handle, ...(hooks?.edit ? { edit: hooks.edit } : {}) };
    this.current = pending;
    options.sendHotkeyState('down');
    return handle;
  }
}
