// Decodes Ogg/Opus (what the app compresses utterances to) so batch transcription can check and key real audio.
import OpusScript from 'opusscript';
import type { DecodedAudio } from './audio.js';

const OUTPUT_RATE = 16_000;

/** The packets of the first logical stream of an Ogg file (RFC 3533), or null when it is not Ogg. */
function oggPackets(bytes: Uint8Array): Uint8Array[] | null {
  const packets: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let offset = 0;
  let serial: number | undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (offset + 27 <= bytes.byteLength) {
    if (view.getUint32(offset, false) !== 0x4f676753) return packets.length > 0 ? packets : null; // "OggS"
    const pageSerial = view.getUint32(offset + 14, true);
    const segments = bytes[offset + 26] ?? 0;
    let body = offset + 27 + segments;
    serial ??= pageSerial;
    for (let i = 0; i < segments; i++) {
      const size = bytes[offset + 27 + i] ?? 0;
      if (pageSerial === serial) {
        pending.push(bytes.subarray(body, body + size));
        // A segment shorter than 255 ends a packet; 255 means it continues (possibly on the next page).
        if (size < 255) {
          const length = pending.reduce((n, p) => n + p.byteLength, 0);
          const packet = new Uint8Array(length);
          let at = 0;
          for (const part of pending) {
            packet.set(part, at);
            at += part.byteLength;
          }
          packets.push(packet);
          pending = [];
        }
      }
      body += size;
    }
    offset = body;
  }
  return packets.length > 0 ? packets : null;
}

/** Mono 16 kHz PCM16 from an Ogg/Opus file, or null when it is not one or cannot be decoded. */
export function decodeOggOpus(bytes: Uint8Array): DecodedAudio | null {
  const packets = oggPackets(bytes);
  const head = packets?.[0];
  if (!packets || !head || String.fromCharCode(...head.subarray(0, 8)) !== 'OpusHead') return null;
  const channels = head[9] ?? 1;
  const preSkip48k = (head[10] ?? 0) | ((head[11] ?? 0) << 8);
  let decoder: OpusScript | undefined;
  try {
    decoder = new OpusScript(OUTPUT_RATE, channels, OpusScript.Application.AUDIO);
    const parts: Int16Array[] = [];
    // Packet 0 is OpusHead, packet 1 OpusTags; audio follows.
    for (const packet of packets.slice(2)) {
      const pcm = decoder.decode(Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength));
      const interleaved = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 2));
      const frames = Math.floor(interleaved.length / channels);
      const mono = new Int16Array(frames);
      for (let f = 0; f < frames; f++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += interleaved[f * channels + c] ?? 0;
        mono[f] = Math.round(sum / channels);
      }
      parts.push(mono);
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const samples = new Int16Array(total);
    let at = 0;
    for (const part of parts) {
      samples.set(part, at);
      at += part.length;
    }
    // The encoder's pre-skip (given at 48 kHz) is priming silence, not audio.
    const skip = Math.min(samples.length, Math.round((preSkip48k * OUTPUT_RATE) / 48_000));
    return { samples: samples.subarray(skip), sampleRate: OUTPUT_RATE };
  } catch {
    return null;
  } finally {
    decoder?.delete();
  }
}
