// The seed's rule for recorded audio: over 1 MB after compression it is streamed to Live in real-time-sized
// chunks; anything smaller goes to the batch model in one REST request. Pure, so the pipeline and CLI share it.

/** 1 MB as the seed meant it (1024 * 1024 bytes); also well under REST's 20 MB inline-request limit. */
export const STREAM_THRESHOLD_BYTES = 1024 * 1024;
/** 100 ms: what the capture sends, and the chunk size Live handles best. */
export const REALTIME_CHUNK_MS = 100;

export interface SendInput {
  /** Size of the compressed audio (Ogg Opus) in bytes. */
  compressedBytes: number;
  /** Length of the audio; with the sample rate it sizes the live chunks. */
  durationSec: number;
  sampleRate?: number;
  thresholdBytes?: number;
  chunkMs?: number;
}

export type SendDecision =
  | { mode: 'rest'; reason: string }
  | { mode: 'live'; reason: string; chunkMs: number; chunkBytes: number; chunkCount: number };

export function decideSend(input: SendInput): SendDecision {
  const threshold = input.thresholdBytes ?? STREAM_THRESHOLD_BYTES;
  if (input.compressedBytes <= threshold) {
    return { mode: 'rest', reason: `compressed audio is ${input.compressedBytes} bytes, not over ${threshold}: one REST request` };
  }
  const chunkMs = input.chunkMs ?? REALTIME_CHUNK_MS;
  const sampleRate = input.sampleRate ?? 16000;
  const chunkBytes = Math.round((sampleRate * chunkMs) / 1000) * 2;
  const chunkCount = Math.ceil((input.durationSec * sampleRate * 2) / chunkBytes);
  return { mode: 'live', reason: `compressed audio is ${input.compressedBytes} bytes, over ${threshold}: streamed to Live`, chunkMs, chunkBytes, chunkCount };
}

/** Splits PCM16 into chunks of `chunkBytes` (views, no copies); the last may be shorter. */
export function* realtimeChunks(pcm16: Uint8Array, chunkBytes: number): Generator<Uint8Array> {
  const size = Math.max(2, chunkBytes - (chunkBytes % 2));
  for (let at = 0; at < pcm16.byteLength; at += size) yield pcm16.subarray(at, Math.min(at + size, pcm16.byteLength));
}
