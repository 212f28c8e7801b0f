// The shape of microphone capture the dictation controller needs (implemented by renderer/src/capture, passed in at start).

export interface CaptureError {
  code: string;
  message: string;
}

export interface CaptureOptions {
  deviceId?: string;
  /** 16 kHz mono PCM16, about 100 ms per chunk. */
  onChunk(pcm16: ArrayBuffer): void;
  /** RMS level of the latest block, 0..1. */
  onLevel(rms: number): void;
  onError(error: CaptureError): void;
}

export interface CaptureHandle {
  stop(): void | Promise<void>;
}

export type CaptureStarter = (options: CaptureOptions) => CaptureHandle | Promise<CaptureHandle>;

/** Used when this build has no capture module: every attempt fails with a clear NO_MICROPHONE error. */
export const unavailableCapture: CaptureStarter = (options) => {
  options.onError({ code: 'NO_MICROPHONE', message: 'Microphone capture is not available in this build.' });
  return { stop: () => undefined };
};
