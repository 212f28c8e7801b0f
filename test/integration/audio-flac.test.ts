// FLAC for lossless archives: sox (libFLAC) decodes it back bit for bit, whatever the length.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeFlac } from '../../main/audio/flac.js';
import { decodeWav } from '../../main/audio/wav.js';
import { speechWav } from '../support/speech.js';

const dir = mkdtempSync(join(tmpdir(), 'audio-flac-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function soxDecode(flac: Uint8Array): Int16Array {
  const file = join(dir, 'in.flac');
  const raw = join(dir, 'out.raw');
  writeFileSync(file, flac);
  execFileSync('sox', [file, '-t', 's16', '-e', 'signed', raw]);
  const bytes = readFileSync(raw);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe('FLAC encoder', () => {
  it('is lossless on a spoken sentence, and smaller than PCM', () => {
    const wav = decodeWav(readFileSync(speechWav('Write a function that returns the sum of two numbers')));
    const pcm = Int16Array.from(wav.channels[0] ?? [], (v) => Math.round(v * 32768));
    const flac = encodeFlac(pcm, 16000);
    expect(Array.from(soxDecode(flac))).toEqual(Array.from(pcm));
    expect(flac.byteLength).toBeLessThan(pcm.byteLength);
  });

  it('handles short and uneven lengths, loud noise and full-scale values', () => {
    let seed = 7;
    const noise = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 65536) - 32768;
    for (const n of [1, 5, 4096, 4097, 9000]) {
      const pcm = Int16Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 32767 : i % 89 === 0 ? -32768 : noise()));
      expect(Array.from(soxDecode(encodeFlac(pcm, 16000)))).toEqual(Array.from(pcm));
    }
  });
});
