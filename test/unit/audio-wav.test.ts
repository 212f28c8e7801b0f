// WAV decoding and encoding in memory: layouts, and clear BAD_AUDIO errors for files we cannot read.
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../main/audio/wav.js';
import { AppError } from '../../main/core/errors.js';

function header(opts: { format?: number; channels?: number; rate?: number; bits?: number; align?: number; dataSize?: number; extra?: Uint8Array }): Uint8Array {
  const channels = opts.channels ?? 1;
  const bits = opts.bits ?? 16;
  const align = opts.align ?? (channels * bits) / 8;
  const extra = opts.extra ?? new Uint8Array(0);
  const out = new Uint8Array(44 + extra.length);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => s.split('').forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + extra.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, opts.format ?? 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, opts.rate ?? 16000, true);
  v.setUint32(28, (opts.rate ?? 16000) * align, true);
  v.setUint16(32, align, true);
  v.setUint16(34, bits, true);
  ascii(36, 'data');
  v.setUint32(40, opts.dataSize ?? extra.length, true);
  out.set(extra, 44);
  return out;
}

function badAudio(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_AUDIO');
    return e as AppError;
  }
  throw new Error('expected BAD_AUDIO');
}

describe('WAV', () => {
  it('round-trips PCM16 through encode and decode', () => {
    const pcm = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    const wav = decodeWav(encodeWav(pcm, 22050));
    expect(wav).toMatchObject({ sampleRate: 22050, channelCount: 1, bitsPerSample: 16, encoding: 'pcm', frames: 5, truncated: false });
    expect(Array.from(wav.channels[0] ?? []).map((x) => Math.round(x * 32768))).toEqual(Array.from(pcm));
  });

  it('reads stereo 24-bit samples into separate channels', () => {
    const data = Uint8Array.from([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]); // L = +0.5, R = -0.5
    const wav = decodeWav(header({ channels: 2, bits: 24, extra: data }));
    expect(wav.channels[0]?.[0]).toBeCloseTo(0.5, 6);
    expect(wav.channels[1]?.[0]).toBeCloseTo(-0.5, 6);
  });

  it('reads 32-bit float and the extensible header', () => {
    const float = new Uint8Array(4);
    new DataView(float.buffer).setFloat32(0, 0.25, true);
    expect(decodeWav(header({ format: 3, bits: 32, extra: float })).channels[0]?.[0]).toBeCloseTo(0.25, 6);
  });

  it('skips unknown chunks and keeps what a cut-off recording holds, flagged as truncated', () => {
    const pcm = encodeWav(Int16Array.from([100, 200, 300, 400]), 16000);
    const cut = pcm.subarray(0, pcm.length - 3); // 2.5 samples left of 4
    const wav = decodeWav(cut);
    expect(wav.frames).toBe(2);
    expect(wav.truncated).toBe(true);
  });

  it('accepts the 0xFFFFFFFF data size that streaming recorders write', () => {
    const wav = decodeWav(header({ dataSize: 0xffffffff, extra: new Uint8Array(8) }));
    expect(wav.frames).toBe(4);
    expect(wav.truncated).toBe(false);
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(badAudio(() => decodeWav(new Uint8Array(4))).message).toMatch(/only 4 bytes/);
    expect(badAudio(() => decodeWav(new TextEncoder().encode('ID3\u0003 this is an mp3 file'))).message).toMatch(/RIFF\/WAVE/);
    expect(badAudio(() => decodeWav(header({ format: 7 }))).message).toMatch(/mu-law/);
    expect(badAudio(() => decodeWav(header({ bits: 12, align: 2 }))).message).toMatch(/12-bit/);
    expect(badAudio(() => decodeWav(header({ align: 3 }))).message).toMatch(/block size/);
    expect(badAudio(() => decodeWav(header({ channels: 0, align: 0 }))).message).toMatch(/0 channels/);
    const noData = header({}).subarray(0, 36);
    expect(badAudio(() => decodeWav(noData)).message).toMatch(/no data chunk/);
  });
});
