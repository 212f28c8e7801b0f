// Every IPC message from a renderer passes here: the sender frame must be our own top frame, the payload must match the contract.
import { isMethodName, methods, IPC_INVOKE_PREFIX, type AppErrorPayload } from '../../../../preload/contract.js';
import type { CallOutcome } from '../../../app/api-router.js';
import { AppError, toAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { AudioIntake, MAX_AUDIO_FRAME_BYTES } from '../../audio-intake.js';
import { isOwnUrl } from './app-origin.js';

/** What Electron tells us about the frame that sent a message (event.senderFrame). */
export interface IpcSender {
  /** senderFrame.url; undefined when the frame is gone. */
  url: string | undefined;
  /** senderFrame.parent === null. */
  isTopFrame: boolean;
}

export interface IpcGuardStats {
  accepted: number;
  rejectedSender: number;
  rejectedPayload: number;
  rejectedAudio: number;
  /** Well-formed audio refused by the AudioIntake: faster than 2x real time, or over the dictation or total budget. */
  throttledAudio: number;
}

export interface IpcGuardOptions {
  router: { call(method: string, params: unknown, ctx: { clientId: string }): Promise<CallOutcome> };
  onAudio(requestId: number, pcm16: Uint8Array, clientId: string): void;
  logger: Logger;
  isOwnUrl?: (url: string | undefined) => boolean;
  /** Sees each accepted call's outcome (the hotkey dictation learns its request id from the overlay's dictation.start). */
  onOutcome?: (method: string, clientId: string, outcome: CallOutcome) => void;
  /**
   * Completes an accepted call's params before the router sees them (the hotkey dictation adds the selection to the
   * overlay's dictation.start); a rejection is answered as that call's error. The router validates the result again.
   */
  prepare?: (method: string, clientId: string, params: unknown) => Promise<unknown>;
  /** Audio admission shared by the windows (its clock is injectable for tests). */
  audioIntake?: AudioIntake;
}

/** 100 ms of 16 kHz PCM16 is 3.2 kB; a whole second is 32 kB. Anything far larger is not a capture chunk. */
export const MAX_AUDIO_CHUNK_BYTES = MAX_AUDIO_FRAME_BYTES;

export class IpcGuard {
  readonly stats: IpcGuardStats = { accepted: 0, rejectedSender: 0, rejectedPayload: 0, rejectedAudio: 0, throttledAudio: 0 };
  private readonly own: (url: string | undefined) => boolean;
  private readonly intake: AudioIntake;

  constructor(private readonly options: IpcGuardOptions) {
    this.own = options.isOwnUrl ?? isOwnUrl;
    this.intake = options.audioIntake ?? new AudioIntake();
  }

  /** The audio limits in force (frame size, rate, dictation and total budgets). */
  get audioLimits(): AudioIntake['limits'] {
    return this.intake.limits;
  }

  /** The invoke channel name for a method (one ipcMain.handle per contract method). */
  static channel(method: string): string {
    return `${IPC_INVOKE_PREFIX}${method}`;
  }

  /** Handles ipcRenderer.invoke(IPC_INVOKE_PREFIX + method, params); answers an outcome envelope, never throws. */
  async invoke(method: string, sender: IpcSender, args: readonly unknown[], clientId: string): Promise<CallOutcome> {
    if (!this.senderAllowed(sender)) {
      this.stats.rejectedSender++;
      this.options.logger.warn({ method, senderUrl: sender.url?.slice(0, 200), topFrame: sender.isTopFrame }, 'IPC from a foreign frame rejected');
      return this.refuse('VALIDATION', 'This request did not come from the Voice CodeGen window and was refused.');
    }
    if (!isMethodName(method) || args.length !== 1 || !methods[method].params.safeParse(args[0] ?? {}).success) {
      this.stats.rejectedPayload++;
      this.options.logger.warn({ method: method.slice(0, 100), args: args.length }, 'IPC payload rejected');
      // The router words the validation error (and counts it too); only a wrong argument count is answered here.
      if (args.length !== 1) return this.refuse('VALIDATION', `Invalid call to ${method.slice(0, 100)}: expected one parameters object.`);
    } else {
      this.stats.accepted++;
    }
    let params = args[0];
    if (this.options.prepare !== undefined) {
      try {
        params = await this.options.prepare(method, clientId, params);
      } catch (error) {
        const outcome: CallOutcome = { ok: false, error: toAppError(error).toJSON() };
        this.options.onOutcome?.(method, clientId, outcome);
        return outcome;
      }
    }
    const outcome = await this.options.router.call(method, params, { clientId });
    this.options.onOutcome?.(method, clientId, outcome);
    return outcome;
  }

  /** Handles ipcRenderer.send(IPC_AUDIO_CHANNEL, requestId, pcm16); returns whether the chunk was forwarded. */
  audio(sender: IpcSender, args: readonly unknown[], clientId: string): boolean {
    if (!this.senderAllowed(sender)) {
      this.stats.rejectedSender++;
      this.options.logger.warn({ senderUrl: sender.url?.slice(0, 200) }, 'audio from a foreign frame rejected');
      return false;
    }
    const [requestId, data] = args;
    const bytes = toBytes(data);
    if (args.length !== 2 || typeof requestId !== 'number' || !Number.isInteger(requestId) || requestId <= 0 || bytes === undefined || bytes.byteLength % 2 !== 0 || bytes.byteLength > MAX_AUDIO_CHUNK_BYTES) {
      this.stats.rejectedAudio++;
      return false;
    }
    if (this.intake.admit(clientId, requestId, bytes.byteLength) !== 'ok') {
      this.stats.throttledAudio++;
      return false;
    }
    this.options.onAudio(requestId, bytes, clientId);
    return true;
  }

  private senderAllowed(sender: IpcSender): boolean {
    return sender.isTopFrame && this.own(sender.url);
  }

  private refuse(code: 'VALIDATION', message: string): CallOutcome {
    const error: AppErrorPayload = new AppError(code, message).toJSON();
    return { ok: false, error };
  }
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
