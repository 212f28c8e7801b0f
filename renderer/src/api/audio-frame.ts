// The WebSocket audio frame (4-byte little-endian request id, then PCM16), as preload/contract.ts defines it.
// Restated here because importing a value from the contract bundles zod and every schema (~60 KB) into the renderer;
// test/unit/renderer-audio-frame.test.ts checks it byte for byte against the contract's encoder.

export const AUDIO_FRAME_HEADER_BYTES = 4;

export function encodeAudioFrame(requestId: number, pcm16: ArrayBuffer): ArrayBuffer {
  const out = new Uint8Array(AUDIO_FRAME_HEADER_BYTES + pcm16.byteLength);
  new DataView(out.buffer).setUint32(0, requestId, true);
  out.set(new Uint8Array(pcm16), AUDIO_FRAME_HEADER_BYTES);
  return out.buffer;
}
