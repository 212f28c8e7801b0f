// The seed's rule for recorded audio: over 1 MB after compression it is streamed to Live in real-time-sized
// chunks; anything smaller goes to the batch model in one REST request. Pure, so the pipeline and CLI share it.
import type { PreparedAudio } from './audio-tasks.js';

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

export type SendPlan =
  | { mode: 'rest'; reason: string; audio: Uint8Array; mimeType: string }
  | { mode: 'live'; reason: string; chunkMs: number; chunks: Uint8Array[]; sampleRate: number };

/**
 * Applies the rule to a file prepared by AudioWorkerPool.prepare(): the Ogg Opus bytes for one REST request, or
 * the 16 kHz PCM cut into real-time-sized chunks for Live. Without an encoding (encode: false) it streams.
 */
export function planSend(prepared: PreparedAudio, options: { thresholdBytes?: number; chunkMs?: number } = {}): SendPlan {
  const compressedBytes = prepared.encoded?.ogg.byteLength ?? Infinity;
  const decision = decideSend({ compressedBytes, durationSec: prepared.durationSec, sampleRate: prepared.sampleRate, ...options });
  if (decision.mode === 'rest' && prepared.encoded) {
    return { mode: 'rest', reason: decision.reason, audio: new Uint8Array(prepared.encoded.ogg), mimeType: prepared.encoded.mimeType };
  }
  const chunkMs = decision.mode === 'live' ? decision.chunkMs : (options.chunkMs ?? REALTIME_CHUNK_MS);
  const chunkBytes = Math.round((prepared.sampleRate * chunkMs) / 1000) * 2;
  return { mode: 'live', reason: decision.reason, chunkMs, chunks: [...realtimeChunks(new Uint8Array(prepared.pcm16), chunkBytes)], sampleRate: prepared.sampleRate };
}
