// Ogg container pages (RFC 3533) with their CRC: the framing Opus needs in a file. Hand-written because the
// npm Ogg muxers are unmaintained native bindings; the format is small and fully specified.

// CRC-32 with polynomial 0x04C11DB7, MSB first, no reflection, init 0 (RFC 3533 section 6), as a lookup table.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ (bytes[i] as number)) & 0xff] as number)) >>> 0;
  return crc;
}

const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;
const MAX_SEGMENTS = 255;

/** Collects packets into Ogg pages of one logical stream; call finish() for the bytes. */
export class OggPageWriter {
  private readonly pages: Uint8Array[] = [];
  private sequence = 0;
  private pending: Uint8Array[] = [];
  private pendingSegments = 0;
  private pendingGranule = 0n;
  private firstPage = true;

  constructor(private readonly serial: number) {}

  /**
   * Adds a packet ending at `granule` (for Opus: 48 kHz samples since the start, pre-skip included).
   * `flush` closes the page after it, as the Opus header packets require.
   */
  writePacket(packet: Uint8Array, granule: bigint, flush = false): void {
    const segments = Math.floor(packet.length / 255) + 1;
    if (this.pendingSegments + segments > MAX_SEGMENTS && this.pending.length > 0) this.flushPage(false);
    if (segments > MAX_SEGMENTS) {
      // A packet over ~64 KB never happens for speech Opus frames; refuse rather than write a spanning page wrongly.
      throw new RangeError(`Ogg packet of ${packet.length} bytes does not fit one page.`);
    }
    this.pending.push(packet);
    this.pendingSegments += segments;
    this.pendingGranule = granule;
    if (flush) this.flushPage(false);
  }

  /** Writes the last page with the end-of-stream flag and returns the whole stream. */
  finish(): Uint8Array {
    const lastPage = this.pages[this.pages.length - 1];
    if (this.pending.length > 0 || !lastPage) this.flushPage(true);
    else {
      // Nothing left to write: mark the page already written as the end instead of adding an empty one.
      lastPage[5] = (lastPage[5] as number) | FLAG_EOS;
      const view = new DataView(lastPage.buffer, lastPage.byteOffset, lastPage.byteLength);
      view.setUint32(22, 0, true);
      view.setUint32(22, oggCrc(lastPage), true);
    }
    const total = this.pages.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.pages) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private flushPage(last: boolean): void {
    if (this.pending.length === 0 && !last) return;
    const lacing: number[] = [];
    for (const p of this.pending) {
      let n = p.length;
      while (n >= 255) {
        lacing.push(255);
        n -= 255;
      }
      lacing.push(n);
    }
    const bodyLength = this.pending.reduce((s, p) => s + p.length, 0);
    const page = new Uint8Array(27 + lacing.length + bodyLength);
    const view = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
    page[4] = 0; // version; packets never span pages here, so the continued flag (0x01) is never set
    page[5] = (this.firstPage ? FLAG_BOS : 0) | (last ? FLAG_EOS : 0);
    view.setBigUint64(6, this.pendingGranule, true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.sequence++, true);
    view.setUint32(22, 0, true); // CRC, filled below over the page with this field zeroed
    page[26] = lacing.length;
    page.set(lacing, 27);
    let at = 27 + lacing.length;
    for (const p of this.pending) {
      page.set(p, at);
      at += p.length;
    }
    view.setUint32(22, oggCrc(page), true);
    this.pages.push(page);
    this.pending = [];
    this.pendingSegments = 0;
    this.firstPage = false;
  }
}
