// The renderer's zod-free audio frame encoder writes exactly the contract's frame, which the host decodes.
import { describe, expect, it } from 'vitest';
import { decodeAudioFrame, encodeAudioFrame as contractEncode, AUDIO_FRAME_HEADER_BYTES as CONTRACT_HEADER } from '../../preload/contract.js';
import { AUDIO_FRAME_HEADER_BYTES, encodeAudioFrame } from '../../renderer/src/api/audio-frame.js';

describe('renderer audio frame', () => {
  it('matches the contract byte for byte and decodes to the same request and samples', () => {
    expect(AUDIO_FRAME_HEADER_BYTES).toBe(CONTRACT_HEADER);
    const pcm = new Int16Array([0, 1, -1, 32767, -32768, 1234]).buffer;
    for (const id of [1, 255, 65_536, 2 ** 32 - 1]) {
      const ours = new Uint8Array(encodeAudioFrame(id, pcm));
      expect(ours).toEqual(new Uint8Array(contractEncode(id, pcm)));
      const decoded = decodeAudioFrame(ours);
      expect(decoded?.requestId).toBe(id);
      expect(new Int16Array(decoded?.pcm16.slice().buffer ?? new ArrayBuffer(0))).toEqual(new Int16Array(pcm));
    }
  });
});
