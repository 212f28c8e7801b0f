// Lossless FLAC encoding of 16-bit mono PCM, for the archive when the user asks to keep audio losslessly.
// Hand-written because npm's FLAC encoders are emscripten builds many times this size, or unmaintained; speech
// needs only the fixed predictors and Rice coding (what `flac -1` does), which is a short, fully specified format.

const BLOCK = 4096;
const MAX_ORDER = 4;
const MAX_PARTITION_ORDER = 4;

const CRC8 = new Uint8Array(256);
const CRC16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c8 = i;
  let c16 = i << 8;
  for (let k = 0; k < 8; k++) {
    c8 = c8 & 0x80 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
    c16 = c16 & 0x8000 ? ((c16 << 1) ^ 0x8005) & 0xffff : (c16 << 1) & 0xffff;
  }
  CRC8[i] = c8;
  CRC16[i] = c16;
}

class BitWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0; // whole bytes written
  private acc = 0;
  private bits = 0; // bits pending in acc (< 8)

  /** Writes the low n bits of value (n <= 24), most significant first. */
  write(value: number, n: number): void {
    for (let left = n; left > 0; ) {
      const take = Math.min(left, 8 - this.bits);
      const shift = left - take;
      this.acc = (this.acc << take) | ((value >>> shift) & ((1 << take) - 1));
      this.bits += take;
      left -= take;
      if (this.bits === 8) this.push();
    }
  }

  writeUnaryZeros(count: number): void {
    let q = count;
    while (q > 0 && this.bits !== 0) {
      this.write(0, 1);
      q--;
    }
    while (q >= 8) {
      this.acc = 0;
      this.bits = 8;
      this.push();
      q -= 8;
    }
    if (q > 0) this.write(0, q);
  }

  alignToByte(): void {
    if (this.bits > 0) this.write(0, 8 - this.bits);
  }

  private push(): void {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = this.acc & 0xff;
    this.acc = 0;
    this.bits = 0;
  }
}

/** Residuals of the fixed polynomial predictor of `order` (FLAC's FIXED subframe) from sample `order` on. */
function fixedResiduals(x: Int32Array, order: number, out: Int32Array): void {
  for (let i = order; i < x.length; i++) {
    const a = x[i] as number;
    const b = x[i - 1] as number;
    const c = x[i - 2] as number;
    const d = x[i - 3] as number;
    const e = x[i - 4] as number;
    out[i] = order === 0 ? a : order === 1 ? a - b : order === 2 ? a - 2 * b + c : order === 3 ? a - 3 * b + 3 * c - d : a - 4 * b + 6 * c - 4 * d + e;
  }
}

const zigzag = (r: number): number => (r >= 0 ? r * 2 : -r * 2 - 1);

/** Best Rice parameter for a run of zigzagged residuals and its cost in bits. */
function riceCost(u: Int32Array, from: number, to: number): { k: number; bits: number } {
  let sum = 0;
  for (let i = from; i < to; i++) sum += u[i] as number;
  const n = Math.max(1, to - from);
  const guess = Math.max(0, Math.min(14, Math.floor(Math.log2(sum / n + 1))));
  let best = { k: guess, bits: Infinity };
  for (let k = Math.max(0, guess - 1); k <= Math.min(14, guess + 1); k++) {
    let bits = n * (k + 1);
    for (let i = from; i < to; i++) bits += (u[i] as number) >>> k;
    if (bits < best.bits) best = { k, bits };
  }
  return best;
}

function writeSubframe(w: BitWriter, x: Int32Array): void {
  const res = new Int32Array(x.length);
  const u = new Int32Array(x.length);
  let bestOrder = 0;
  let bestSum = Infinity;
  const maxOrder = Math.min(MAX_ORDER, x.length - 1);
  for (let order = 0; order <= maxOrder; order++) {
    fixedResiduals(x, order, res);
    let sum = 0;
    for (let i = order; i < x.length; i++) sum += Math.abs(res[i] as number);
    if (sum < bestSum) {
      bestSum = sum;
      bestOrder = order;
    }
  }
  fixedResiduals(x, bestOrder, res);
  for (let i = bestOrder; i < x.length; i++) u[i] = zigzag(res[i] as number);
  // Partition order: each partition must hold at least the predictor's warm-up, and the block must divide evenly.
  let bestPartition = { order: 0, ks: [0], bits: Infinity };
  for (let p = 0; p <= MAX_PARTITION_ORDER; p++) {
    const parts = 1 << p;
    if (x.length % parts !== 0 || x.length / parts <= bestOrder) break;
    const size = x.length / parts;
    const ks: number[] = [];
    let bits = 0;
    for (let j = 0; j < parts; j++) {
      const cost = riceCost(u, j === 0 ? bestOrder : j * size, (j + 1) * size);
      ks.push(cost.k);
      bits += cost.bits + 4;
    }
    if (bits < bestPartition.bits) bestPartition = { order: p, ks, bits };
  }
  w.write(0, 1);
  w.write(0b001000 | bestOrder, 6); // FIXED subframe of this order
  w.write(0, 1); // no wasted bits
  for (let i = 0; i < bestOrder; i++) w.write((x[i] as number) & 0xffff, 16); // warm-up samples, verbatim
  w.write(0, 2); // Rice coding with 4-bit parameters
  w.write(bestPartition.order, 4);
  const size = x.length >> bestPartition.order;
  bestPartition.ks.forEach((k, j) => {
    w.write(k, 4);
    for (let i = j === 0 ? bestOrder : j * size; i < (j + 1) * size; i++) {
      const v = u[i] as number;
      w.writeUnaryZeros(v >>> k);
      w.write(1, 1);
      if (k > 0) w.write(v & ((1 << k) - 1), k);
    }
  });
}

/** FLAC's UTF-8-like coding of the frame number. */
function writeFrameNumber(w: BitWriter, n: number): void {
  if (n < 0x80) return w.write(n, 8);
  if (n < 0x800) return w.write(0xc0 | (n >> 6), 8), w.write(0x80 | (n & 0x3f), 8);
  if (n < 0x10000) return w.write(0xe0 | (n >> 12), 8), w.write(0x80 | ((n >> 6) & 0x3f), 8), w.write(0x80 | (n & 0x3f), 8);
  w.write(0xf0 | (n >> 18), 8);
  w.write(0x80 | ((n >> 12) & 0x3f), 8);
  w.write(0x80 | ((n >> 6) & 0x3f), 8);
  w.write(0x80 | (n & 0x3f), 8);
}

/** Encodes mono 16-bit PCM as a FLAC file (STREAMINFO without MD5, which the format allows). */
export function encodeFlac(pcm16: Int16Array, sampleRate: number): Uint8Array {
  const w = new BitWriter();
  for (const c of 'fLaC') w.write(c.charCodeAt(0), 8);
  w.write(1, 1); // last metadata block
  w.write(0, 7); // STREAMINFO
  w.write(34, 24);
  w.write(BLOCK, 16);
  w.write(BLOCK, 16);
  w.write(0, 24); // min frame size unknown
  w.write(0, 24); // max frame size unknown
  w.write(sampleRate >>> 4, 16);
  w.write(sampleRate & 0xf, 4);
  w.write(0, 3); // channels - 1
  w.write(15, 5); // bits per sample - 1
  w.write(Math.floor(pcm16.length / 2 ** 32) & 0xf, 4); // total samples, 36 bits
  w.write(pcm16.length >>> 16, 16);
  w.write(pcm16.length & 0xffff, 16);
  for (let i = 0; i < 16; i++) w.write(0, 8); // MD5 unknown
  const x = new Int32Array(BLOCK);
  for (let frame = 0, at = 0; at < pcm16.length; frame++, at += BLOCK) {
    const n = Math.min(BLOCK, pcm16.length - at);
    const block = x.subarray(0, n);
    for (let i = 0; i < n; i++) block[i] = pcm16[at + i] as number;
    const start = w.length;
    w.write(0b11111111111110, 14); // sync
    w.write(0, 1);
    w.write(0, 1); // fixed block size
    w.write(n === BLOCK ? 12 : 7, 4); // 4096, or a 16-bit size after the header
    w.write(0, 4); // sample rate from STREAMINFO
    w.write(0, 4); // mono
    w.write(4, 3); // 16 bits per sample
    w.write(0, 1);
    writeFrameNumber(w, frame);
    if (n !== BLOCK) w.write(n - 1, 16);
    let crc8 = 0;
    for (let i = start; i < w.length; i++) crc8 = CRC8[crc8 ^ (w.bytes[i] as number)] as number;
    w.write(crc8, 8);
    writeSubframe(w, block);
    w.alignToByte();
    let crc16 = 0;
    for (let i = start; i < w.length; i++) crc16 = ((crc16 << 8) & 0xffff) ^ (CRC16[(crc16 >> 8) ^ (w.bytes[i] as number)] as number);
    w.write(crc16, 16);
  }
  return w.bytes.slice(0, w.length);
}
