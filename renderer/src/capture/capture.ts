// Microphone capture for the renderer: getUserMedia -> AudioWorklet -> 16 kHz PCM16 chunks (~100 ms) and levels.
// Free of React: the UI calls startCapture() and renders what the callbacks report.
// The worklet is imported with Vite's "?worker&url" rather than new URL('./x.ts', import.meta.url): the latter
// copies the .ts file untranspiled in production builds (vitejs/vite#6979), while ?worker&url bundles it with dsp.ts.
import workletUrl from './capture-worklet.ts?worker&url';
import { CAPTURE_PROCESSOR } from './capture-protocol.js';
import type { CaptureProcessorOptions, PageMessage, WorkletMessage } from './capture-protocol.js';
import { CaptureError, captureError, microphoneError } from './microphone-errors.js';

export { CaptureError } from './microphone-errors.js';
export type { CaptureErrorReason } from './microphone-errors.js';

export interface CaptureChunkInfo {
  /** 16 kHz samples in the chunk (1600 for 100 ms; the last one may be shorter). */
  samples: number;
  rms: number;
  peak: number;
  /** 0, 1, 2, ... so a receiver can tell a gap from silence. */
  sequence: number;
}

export interface CaptureOptions {
  /** A deviceId from enumerateDevices(); the system default when absent. */
  deviceId?: string;
  chunkMs?: number;
  /** 16 kHz mono PCM16 little-endian; the buffer is the receiver's (transferred from the worklet, never copied). */
  onChunk(pcm16: ArrayBuffer, info: CaptureChunkInfo): void;
  /** Linear RMS and peak (0..1) of each chunk, for a level meter. */
  onLevel?(rms: number, peak: number): void;
  /** Failures after start, such as the device being unplugged; capture has stopped when this is called. */
  onError?(error: CaptureError): void;
  /** Aborting cancels a start still waiting on the permission prompt (CANCELLED), or stops a running capture. */
  signal?: AbortSignal;
}

export interface CaptureSession {
  /** The device's rate as the AudioContext runs it (44100 or 48000 usually); output is always 16 kHz. */
  readonly deviceRate: number;
  readonly deviceLabel: string;
  /** Sends the last partial chunk, then releases the microphone and the audio context. Safe to call twice. */
  stop(): Promise<void>;
}

// How long stop() waits for the worklet's last chunk before closing anyway (a worklet answers in a few ms).
const FLUSH_WAIT_MS = 500;

/** Starts capturing; rejects with a CaptureError (code NO_MICROPHONE) that says what to do when it cannot. */
export async function startCapture(options: CaptureOptions): Promise<CaptureSession> {
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!media?.getUserMedia) throw captureError('unsupported');
  // The audio context and its worklet module load while the microphone opens, not after: a cold start otherwise
  // loses the first 100-200 ms the microphone hears (the module fetch), which is the start of what the user says.
  let context: AudioContext | undefined;
  let contextReady: Promise<void>;
  try {
    context = new AudioContext({ latencyHint: 'interactive' });
    const created = context;
    contextReady = created.audioWorklet.addModule(workletUrl).then(async () => {
      // A context made without a user gesture starts suspended; the hotkey is not a gesture the page sees.
      if (created.state === 'suspended') await created.resume();
    });
  } catch (error) {
    contextReady = Promise.reject(error);
  }
  // Settled either way before we return, so a failure is never left unhandled.
  contextReady.catch(() => undefined);
  const closeContext = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
  };
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({
      audio: {
        ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
        channelCount: { ideal: 1 },
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
    });
  } catch (error) {
    await closeContext();
    throw microphoneError(error);
  }
  if (options.signal?.aborted) {
    for (const t of stream.getTracks()) t.stop();
    await closeContext();
    throw captureError('cancelled');
  }
  const track = stream.getAudioTracks()[0];
  if (!track) {
    for (const t of stream.getTracks()) t.stop();
    await closeContext();
    throw captureError('no-device');
  }
  try {
    await contextReady;
    if (!context) throw captureError('unsupported');
    if (options.signal?.aborted) throw captureError('cancelled');
  } catch (error) {
    track.stop();
    await closeContext();
    throw microphoneError(error);
  }
  const session = new ActiveCapture(context, stream, track, options);
  options.signal?.addEventListener('abort', () => session.stop().catch((error: unknown) => options.onError?.(microphoneError(error))), { once: true });
  return session;
}

class ActiveCapture implements CaptureSession {
  readonly deviceRate: number;
  readonly deviceLabel: string;
  private readonly node: AudioWorkletNode;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly mute: GainNode;
  private stopping: Promise<void> | undefined;
  private flushed: (() => void) | undefined;

  constructor(private readonly context: AudioContext, private readonly stream: MediaStream, private readonly track: MediaStreamTrack, private readonly options: CaptureOptions) {
    this.deviceRate = context.sampleRate;
    this.deviceLabel = track.label;
    this.source = context.createMediaStreamSource(stream);
    const processorOptions: CaptureProcessorOptions = { chunkMs: options.chunkMs ?? 100 };
    this.node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 1, processorOptions });
    // Routed to the destination through a muted gain so every browser keeps pulling the graph; nothing is heard.
    this.mute = context.createGain();
    this.mute.gain.value = 0;
    this.node.port.onmessage = (event: MessageEvent<WorkletMessage>): void => this.onMessage(event.data);
    this.source.connect(this.node);
    this.node.connect(this.mute);
    this.mute.connect(context.destination);
    track.addEventListener('ended', this.onEnded);
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown(true);
    return this.stopping;
  }

  private readonly onEnded = (): void => {
    if (this.stopping) return;
    this.stopping = this.shutdown(true);
    this.stopping.then(
      () => this.options.onError?.(captureError('device-lost')),
      () => this.options.onError?.(captureError('device-lost')),
    );
  };

  private onMessage(message: WorkletMessage): void {
    if (message.type === 'flushed') {
      this.flushed?.();
      return;
    }
    this.options.onLevel?.(message.rms, message.peak);
    this.options.onChunk(message.pcm16, { samples: message.samples, rms: message.rms, peak: message.peak, sequence: message.sequence });
  }

  private async shutdown(flush: boolean): Promise<void> {
    this.track.removeEventListener('ended', this.onEnded);
    if (flush && this.context.state !== 'closed') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FLUSH_WAIT_MS);
        this.flushed = (): void => {
          clearTimeout(timer);
          resolve();
        };
        this.node.port.postMessage({ type: 'flush' } satisfies PageMessage);
      });
    }
    this.source.disconnect();
    this.node.disconnect();
    this.mute.disconnect();
    this.node.port.onmessage = null;
    for (const t of this.stream.getTracks()) t.stop();
    await this.context.close();
  }
}
