// Messages between the capture AudioWorklet and the page (shared types; PCM travels as transferred ArrayBuffers).

export const CAPTURE_PROCESSOR = 'voice-codegen-capture';

export interface CaptureProcessorOptions {
  chunkMs: number;
}

/** Worklet -> page. */
export type WorkletMessage =
  | { type: 'chunk'; pcm16: ArrayBuffer; samples: number; rms: number; peak: number; sequence: number }
  | { type: 'flushed' };

/** Page -> worklet: send what is left (a last short chunk) and stop. */
export type PageMessage = { type: 'flush' };
