// Ogg Opus output checked by an independent decoder (opusdec) on a real espeak-ng sentence (Must-show 4, first half).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamingResampler, downmixPlanar, floatToPcm16 } from '../../main/audio/dsp.js';
import { encodeOggOpus } from '../../main/audio/ogg-opus.js';
import { oggCrc } from '../../main/audio/ogg-page-writer.js';
import { decodeWav } from '../../main/audio/wav.js';
import { speechWav } from '../../test/support/speech.js';

const dir = mkdtempSync(join(tmpdir(), 'audio-opus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasOpusdec = spawnSync('opusdec', ['--version']).status === 0;

function speech16k(): Int16Array {
  const wav = decodeWav(readFileSync(speechWav('Write a function that returns the sum of two numbers', { rate: 48000 })));
  const r = new StreamingResampler(wav.sampleRate, 16000);
  const mono = downmixPlanar(wav.channels);
  const a = r.process(mono);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return floatToPcm16(out);
}

describe('Ogg Opus encoder', () => {
  it('computes the Ogg CRC of RFC 3533 (check value of "123456789" for CRC-32/MPEG-2 without final inversion)', () => {
    // CRC-32 poly 0x04C11DB7, init 0, no reflection, no xorout: the catalogued CKSUM-like variant gives 0x89A1897F.
    expect(oggCrc(new TextEncoder().encode('123456789')).toString(16)).toBe('89a1897f');
  });

  it.runIf(hasOpusdec)('writes a file opusdec decodes back to the same duration, at least 4x smaller than PCM', () => {
    const pcm = speech16k();
    const ogg = encodeOggOpus(pcm, 16000);
    const file = join(dir, 'speech.opus');
    writeFileSync(file, ogg);
    const decodedFile = join(dir, 'decoded.wav');
    execFileSync('opusdec', ['--quiet', '--rate', '16000', file, decodedFile]);
    const decoded = decodeWav(readFileSync(decodedFile));
    expect(decoded.sampleRate).toBe(16000);
    // opusdec trims pre-skip and the padded end from the granule positions, so the sample count matches exactly.
    expect(decoded.frames).toBe(pcm.length);
    expect(pcm.byteLength / ogg.byteLength).toBeGreaterThanOrEqual(4);
    // The speech survives: decoded energy is close to the input's.
    const energy = (x: ArrayLike<number>): number => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0) / x.length);
    const inRms = energy(Array.from(pcm, (v) => v / 32768));
    expect(energy(decoded.channels[0] ?? [])).toBeGreaterThan(inRms * 0.7);
    expect(energy(decoded.channels[0] ?? [])).toBeLessThan(inRms * 1.3);
  });

  it('refuses a rate Opus cannot take, saying to resample first', () => {
    expect(() => encodeOggOpus(new Int16Array(441), 44100)).toThrow(/resample/);
  });
});
