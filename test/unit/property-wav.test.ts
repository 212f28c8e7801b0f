// Bad WAV input (random bytes, truncated headers, wrong sizes, odd rates and channel counts): the decoder either
// decodes something consistent or throws AppError BAD_AUDIO (INPUT_TOO_LARGE past the length cap), never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToPcm16 } from '../../main/audio/audio-tasks.js';
import { decodeWav, encodeWav } from '../../main/audio/wav.js';
import { AppError } from '../../main/core/errors.js';
import { propertyParams } from '../support/fault-helpers.js';

interface ChunkSpec {
  id: string;
  /** The size the header claims, and the bytes actually present (they may disagree). */
  claimed: number;
  body: Uint8Array;
}

function riff(chunks: readonly ChunkSpec[], riffSize?: number): Uint8Array {
  const total = 12 + chunks.reduce((n, c) => n + 8 + c.body.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i) & 0xff;
  };
  ascii(0, 'RIFF');
  v.setUint32(4, riffSize ?? total - 8, true);
  ascii(8, 'WAVE');
  let at = 12;
  for (const c of chunks) {
    ascii(at, c.id.padEnd(4, ' '));
    v.setUint32(at + 4, c.claimed >>> 0, true);
    out.set(c.body, at + 8);
    at += 8 + c.body.length;
  }
  return out;
}

function fmtBody(f: { code: number; channels: number; rate: number; align: number; bits: number; size: number; subCode: number }): Uint8Array {
  const body = new Uint8Array(Math.max(0, f.size));
  const v = new DataView(body.buffer);
  const put = (at: number, width: 2 | 4, value: number): void => {
    if (at + width > body.length) return;
    if (width === 2) v.setUint16(at, value & 0xffff, true);
    else v.setUint32(at, value >>> 0, true);
  };
  put(0, 2, f.code);
  put(2, 2, f.channels);
  put(4, 4, f.rate);
  put(8, 4, f.rate * f.align);
  put(12, 2, f.align);
  put(14, 2, f.bits);
  put(24, 2, f.subCode);
  return body;
}

/** Mostly plausible values, with a share of wrong ones, so that both decoding and every refusal are reached. */
const mostly = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: odd, weight: 1 });

const formatArb = fc.record({
  code: mostly(fc.constantFrom(1, 3), fc.constantFrom(0xfffe, 2, 6, 7, 0x11, 0x55, 0)),
  channels: mostly(fc.constantFrom(1, 2), fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(0xffff))),
  rate: mostly(fc.constantFrom(8000, 11025, 16000, 44100, 48000, 96000), fc.oneof(fc.constantFrom(0, 1, 999, 1000, 768000, 768001, 0xffffffff), fc.nat())),
  bits: mostly(fc.constantFrom(8, 16, 24, 32), fc.constantFrom(0, 1, 4, 12, 20, 48, 64)),
  alignDelta: mostly(fc.constant(0), fc.constantFrom(1, -1, 7)),
  size: mostly(fc.constant(16), fc.constantFrom(18, 40, 14, 0, 2)),
  subCode: fc.constantFrom(1, 3, 2),
});

/** A WAV-like file: a fmt chunk (sometimes odd), optional other chunks, a data chunk whose size may lie, cut anywhere. */
const wavLikeArb = fc
  .record({
    format: formatArb,
    before: fc.array(fc.record({ id: fc.constantFrom('LIST', 'JUNK', 'fact', 'bext'), body: fc.uint8Array({ maxLength: 9 }) }), { maxLength: 2 }),
    dataOrder: mostly(fc.constant('fmt-data'), fc.constantFrom('data-fmt', 'no-fmt', 'no-data')),
    data: fc.uint8Array({ maxLength: 600 }),
    claimedData: mostly<'exact' | number>(fc.constant('exact' as const), fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.nat({ max: 5000 }))),
    cutAt: mostly(fc.constant(undefined), fc.nat({ max: 800 })),
    riffSize: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ format, before, dataOrder, data, claimedData, cutAt, riffSize }) => {
    const align = Math.max(0, ((format.bits / 8) * format.channels + format.alignDelta) | 0);
    const fmt: ChunkSpec = { id: 'fmt ', claimed: format.size, body: fmtBody({ ...format, align }) };
    const dataChunk: ChunkSpec = { id: 'data', claimed: claimedData === 'exact' ? data.length : claimedData, body: data };
    const extra: ChunkSpec[] = before.map((b) => ({ id: b.id, claimed: b.body.length, body: b.body.length % 2 ? new Uint8Array([...b.body, 0]) : b.body }));
    const order = dataOrder === 'fmt-data' ? [...extra, fmt, dataChunk] : dataOrder === 'data-fmt' ? [...extra, dataChunk, fmt] : dataOrder === 'no-fmt' ? [...extra, dataChunk] : [...extra, fmt];
    const bytes = riff(order, riffSize);
    return cutAt === undefined ? bytes : bytes.subarray(0, Math.min(bytes.length, cutAt));
  });

/** Random bytes, sometimes behind a real RIFF/WAVE magic so the chunk walker is reached. */
const randomBytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((tail) => new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, ...tail])),
);

function expectSaneOrBadAudio(bytes: Uint8Array): void {
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_AUDIO');
    expect((error as AppError).message).toMatch(/Export it as 16-bit PCM WAV/);
    return;
  }
  expect(decoded.channels).toHaveLength(decoded.channelCount);
  expect(decoded.channelCount).toBeGreaterThanOrEqual(1);
  for (const ch of decoded.channels) expect(ch.length).toBe(decoded.frames);
  expect(decoded.frames * decoded.channelCount * (decoded.bitsPerSample / 8)).toBeLessThanOrEqual(bytes.byteLength);
  expect(Number.isFinite(decoded.durationSec)).toBe(true);
  if (decoded.encoding === 'pcm') {
    let peak = 0;
    for (const ch of decoded.channels) for (const s of ch) peak = Math.max(peak, Math.abs(s));
    expect(peak).toBeLessThanOrEqual(1);
  }
}

// More runs (VCG_PROPERTY_RUNS) need more time than the unit default.
describe('WAV decoder properties', { timeout: 120_000 }, () => {
  it('random bytes either decode or fail with BAD_AUDIO', () => {
    fc.assert(fc.property(randomBytesArb, (bytes) => expectSaneOrBadAudio(bytes)), propertyParams(500));
  });

  it('WAV-like files with odd rates, channel counts, sizes and truncations either decode consistently or fail with BAD_AUDIO', () => {
    fc.assert(fc.property(wavLikeArb, (bytes) => expectSaneOrBadAudio(bytes)), propertyParams(1000));
  });

  it('a valid PCM16 file cut at any byte either decodes a prefix of it or fails with BAD_AUDIO', () => {
    const pcm = Int16Array.from({ length: 400 }, (_, i) => Math.round(Math.sin(i / 5) * 20000));
    const wav = encodeWav(pcm, 16000, 2);
    fc.assert(
      fc.property(fc.nat({ max: wav.length }), (cut) => {
        const bytes = wav.subarray(0, cut);
        expectSaneOrBadAudio(bytes);
        if (cut >= 44 + 4) {
          const d = decodeWav(bytes);
          expect(d.frames).toBe(Math.floor((cut - 44) / 4));
          expect(d.truncated).toBe(cut < wav.length);
        }
      }),
      propertyParams(300),
    );
  });

  it('the worker task (decode, downmix, resample to 16 kHz) fails only with BAD_AUDIO or INPUT_TOO_LARGE and yields PCM16', () => {
    fc.assert(
      fc.property(fc.oneof(wavLikeArb, randomBytesArb), (bytes) => {
        try {
          const out = decodeToPcm16(bytes.slice().buffer, 60);
          expect(out.sampleRate).toBe(16000);
          expect(out.pcm16.byteLength % 2).toBe(0);
          expect(Number.isFinite(out.durationSec)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(['BAD_AUDIO', 'INPUT_TOO_LARGE']).toContain((error as AppError).code);
        }
      }),
      propertyParams(500),
    );
  });
});
