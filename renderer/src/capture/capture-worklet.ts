// The capture AudioWorklet: device audio -> mono -> 16 kHz -> PCM16 chunks of ~100 ms, posted as transferred buffers.
import { CaptureChunker } from '../../../main/audio/dsp-chunker.js';
import { CAPTURE_PROCESSOR } from './capture-protocol.js';
import type { CaptureProcessorOptions, PageMessage, WorkletMessage } from './capture-protocol.js';

// The AudioWorkletGlobalScope is not in TypeScript's DOM lib; type the few globals used here locally instead of
// declaring them globally for the whole project.
interface ProcessorBase {
  readonly port: MessagePort;
}
interface WorkletScope {
  sampleRate: number;
  AudioWorkletProcessor: new (options?: unknown) => ProcessorBase;
  registerProcessor(name: string, ctor: new (options: { processorOptions?: CaptureProcessorOptions }) => ProcessorBase): void;
}
const scope = globalThis as unknown as WorkletScope;

class CaptureProcessor extends scope.AudioWorkletProcessor {
  private readonly chunker: CaptureChunker;
  private sequence = 0;
  private stopped = false;

  constructor(options: { processorOptions?: CaptureProcessorOptions }) {
    super(options);
    this.chunker = new CaptureChunker(scope.sampleRate, { chunkMs: options.processorOptions?.chunkMs ?? 100 });
    this.port.onmessage = (event: MessageEvent<PageMessage>): void => {
      if (event.data.type !== 'flush' || this.stopped) return;
      this.stopped = true;
      this.post(this.chunker.flush());
      this.port.postMessage({ type: 'flushed' } satisfies WorkletMessage);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channels = inputs[0];
    // No channels means the source is not connected yet (or was disconnected): nothing to do this quantum.
    if (channels && channels.length > 0) this.post(this.chunker.push(channels));
    return true;
  }

  private post(chunks: ReturnType<CaptureChunker['push']>): void {
    for (const c of chunks) {
      const message: WorkletMessage = { type: 'chunk', pcm16: c.pcm16, samples: c.samples, rms: c.rms, peak: c.peak, sequence: this.sequence++ };
      this.port.postMessage(message, [c.pcm16]);
    }
  }
}

scope.registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
