// WAV (RIFF/WAVE) decoding of the common PCM and float layouts, and PCM16 encoding; bad files become BAD_AUDIO errors.
import { AppError } from '../core/errors.js';

export interface DecodedWav {
  sampleRate: number;
  channelCount: number;
  bitsPerSample: number;
  encoding: 'pcm' | 'float';
  /** One Float32Array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
  frames: number;
  durationSec: number;
  /** True when the data chunk claimed more bytes than the file holds (a recording cut short, or a streamed header). */
  truncated: boolean;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Record<number, string> = { 2: 'MS ADPCM', 6: 'A-law', 7: 'mu-law', 0x11: 'IMA ADPCM', 0x55: 'MP3' };
const MAX_CHANNELS = 8;

function bad(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('BAD_AUDIO', `This is not a WAV file we can read: ${message}. Export it as 16-bit PCM WAV and try again.`, details ? { details } : {});
}

function fourcc(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

interface Format {
  code: number;
  channelCount: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function parseFormat(view: DataView, at: number, size: number): Format {
  if (size < 16) throw bad(`the fmt chunk is ${size} bytes, shorter than the 16 it needs`);
  let code = view.getUint16(at, true);
  const f: Format = {
    code,
    channelCount: view.getUint16(at + 2, true),
    sampleRate: view.getUint32(at + 4, true),
    blockAlign: view.getUint16(at + 12, true),
    bitsPerSample: view.getUint16(at + 14, true),
  };
  if (code === FORMAT_EXTENSIBLE) {
    // WAVE_FORMAT_EXTENSIBLE: the real format code is the first two bytes of the SubFormat GUID at offset 24.
    if (size < 40) throw bad('the extensible fmt chunk is too short to hold its sub-format');
    // wValidBitsPerSample (offset 18) needs no handling: samples are left-justified in their container.
    code = view.getUint16(at + 24, true);
    f.code = code;
  }
  return f;
}

function checkFormat(f: Format): 'pcm' | 'float' {
  if (f.code !== FORMAT_PCM && f.code !== FORMAT_FLOAT) {
    const name = FORMAT_NAMES[f.code] ?? `format code ${f.code}`;
    throw bad(`it is compressed as ${name}, not PCM`, { formatCode: f.code });
  }
  if (f.channelCount < 1 || f.channelCount > MAX_CHANNELS) throw bad(`it says it has ${f.channelCount} channels`);
  if (f.sampleRate < 1000 || f.sampleRate > 768000) throw bad(`its sample rate ${f.sampleRate} Hz is not plausible`);
  const encoding = f.code === FORMAT_FLOAT ? 'float' : 'pcm';
  const okBits = encoding === 'float' ? [32, 64] : [8, 16, 24, 32];
  if (!okBits.includes(f.bitsPerSample)) throw bad(`${f.bitsPerSample}-bit ${encoding === 'float' ? 'float' : 'integer'} samples are not supported`);
  const expectedAlign = (f.bitsPerSample / 8) * f.channelCount;
  if (f.blockAlign !== expectedAlign) throw bad(`its block size ${f.blockAlign} does not match ${f.channelCount} channel(s) of ${f.bitsPerSample} bits`);
  return encoding;
}

/** Decodes a WAV file held in memory. Throws AppError BAD_AUDIO saying what is wrong. */
export function decodeWav(bytes: Uint8Array, maxSeconds = Infinity): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) throw bad(`the file is only ${bytes.byteLength} bytes long`);
  const riff = fourcc(view, 0);
  if (riff === 'RF64') throw bad('it is an RF64 (over 4 GB) file');
  if (riff !== 'RIFF' || fourcc(view, 8) !== 'WAVE') throw bad('it does not start with a RIFF/WAVE header');
  let format: Format | undefined;
  let dataAt = -1;
  let dataSize = 0;
  let truncated = false;
  let at = 12;
  // Chunks are walked rather than assumed at fixed offsets: LIST, fact, bext and JUNK chunks are common.
  while (at + 8 <= bytes.byteLength) {
    const id = fourcc(view, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.byteLength) throw bad('the file ends inside its fmt chunk');
      format = parseFormat(view, body, size);
    } else if (id === 'data') {
      dataAt = body;
      dataSize = size;
      if (body + size > bytes.byteLength) {
        // 0 or 0xFFFFFFFF sizes come from recorders that stream the header first; a cut file is the other cause.
        truncated = size !== 0xffffffff && size !== 0;
        dataSize = bytes.byteLength - body;
      } else if (size === 0) {
        dataSize = bytes.byteLength - body;
      }
      if (format) break;
    }
    at = body + size + (size % 2); // chunks are padded to an even length
  }
  if (!format) throw bad('it has no fmt chunk describing the audio');
  if (dataAt < 0) throw bad('it has no data chunk');
  const encoding = checkFormat(format);
  const frames = Math.floor(dataSize / format.blockAlign);
  // The length is known from the header: refuse an over-long recording before decoding (and allocating) any of it.
  const durationSec = frames / format.sampleRate;
  if (durationSec > maxSeconds) {
    throw new AppError('INPUT_TOO_LARGE', `The recording is ${Math.round(durationSec)} s long; at most ${maxSeconds} s can be transcribed at once. Split it and try again.`, {
      details: { durationSec, maxSeconds },
    });
  }
  const channels = decodeSamples(view, dataAt, frames, format, encoding);
  return {
    sampleRate: format.sampleRate,
    channelCount: format.channelCount,
    bitsPerSample: format.bitsPerSample,
    encoding,
    channels,
    frames,
    durationSec: frames / format.sampleRate,
    truncated: truncated || dataSize % format.blockAlign !== 0,
  };
}

function decodeSamples(view: DataView, at: number, frames: number, f: Format, encoding: 'pcm' | 'float'): Float32Array[] {
  const channels = Array.from({ length: f.channelCount }, () => new Float32Array(frames));
  const bytesPer = f.bitsPerSample / 8;
  for (let c = 0; c < f.channelCount; c++) {
    const out = channels[c] as Float32Array;
    let p = at + c * bytesPer;
    const stride = f.blockAlign;
    if (encoding === 'float') {
      if (bytesPer === 4) for (let i = 0; i < frames; i++, p += stride) out[i] = view.getFloat32(p, true);
      else for (let i = 0; i < frames; i++, p += stride) out[i] = view.getFloat64(p, true);
    } else if (bytesPer === 2) {
      for (let i = 0; i < frames; i++, p += stride) out[i] = view.getInt16(p, true) / 32768;
    } else if (bytesPer === 3) {
      for (let i = 0; i < frames; i++, p += stride) {
        const v = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        out[i] = v / 8388608;
      }
    } else if (bytesPer === 4) {
      for (let i = 0; i < frames; i++, p += stride) out[i] = view.getInt32(p, true) / 2147483648;
    } else {
      for (let i = 0; i < frames; i++, p += stride) out[i] = (view.getUint8(p) - 128) / 128; // 8-bit WAV is unsigned
    }
  }
  return channels;
}

/** Encodes interleaved PCM16 as a canonical 44-byte-header WAV. */
export function encodeWav(pcm16: Int16Array, sampleRate: number, channelCount = 1): Uint8Array {
  const dataBytes = pcm16.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm16.length; i++) view.setInt16(44 + i * 2, pcm16[i] as number, true);
  return out;
}
