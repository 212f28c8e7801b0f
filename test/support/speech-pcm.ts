// Speech fixtures as 16 kHz PCM16, cut into capture-sized chunks, for feeding dictations in tests and benches.
import { readFileSync } from 'node:fs';
import { decodeToPcm16 } from '../../main/audio/audio-tasks.js';
import { speechWav, type SpeechOptions } from './speech.js';

export function speechPcm16(text: string, options: SpeechOptions = {}): Uint8Array {
  const bytes = readFileSync(speechWav(text, options));
  const pcm = decodeToPcm16(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return new Uint8Array(pcm.pcm16);
}

/** 100 ms chunks (3,200 bytes of 16 kHz PCM16), as the renderer's capture sends them. */
export function chunks100ms(pcm16: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < pcm16.byteLength; at += 3200) out.push(pcm16.slice(at, Math.min(at + 3200, pcm16.byteLength)));
  return out;
}
