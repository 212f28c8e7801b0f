// Keeps a copy of the PCM chunks sent to Live, so a failed Live session can fall back to REST with the same audio.
// Bounded: past its cap the oldest chunks spill to an optional sink (e.g. an archive) and are dropped, flagged.

export interface UtteranceBufferOptions {
  /**
   * Most bytes kept in memory. Default 19.2 MB = 10 minutes of 16 kHz PCM16, as much audio as one Live
   * transcription session accepts, so a fallback never needs more than this.
   */
  maxBytes?: number;
  sampleRate?: number;
  /** Receives chunks as they leave the buffer (oldest first) when it is over its cap. */
  onSpill?: (chunk: Uint8Array) => void;
}

export const DEFAULT_UTTERANCE_MAX_BYTES = 10 * 60 * 16000 * 2;

export class UtteranceBuffer {
  private chunks: Uint8Array[] = [];
  private head = 0; // index of the oldest kept chunk: dropping is O(1), the array is compacted now and then
  private bytes = 0;
  private dropped = 0;
  private readonly maxBytes: number;
  private readonly sampleRate: number;
  private readonly onSpill: ((chunk: Uint8Array) => void) | undefined;

  constructor(options: UtteranceBufferOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_UTTERANCE_MAX_BYTES;
    this.sampleRate = options.sampleRate ?? 16000;
    this.onSpill = options.onSpill;
  }

  /** Keeps a copy of a chunk (the caller may reuse or transfer its buffer afterwards). */
  append(chunk: ArrayBuffer | ArrayBufferView): void {
    const view = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (view.byteLength === 0) return;
    this.chunks.push(view.slice());
    this.bytes += view.byteLength;
    while (this.bytes > this.maxBytes && this.head < this.chunks.length) {
      const oldest = this.chunks[this.head] as Uint8Array;
      this.chunks[this.head++] = EMPTY;
      this.bytes -= oldest.byteLength;
      this.dropped += oldest.byteLength;
      this.onSpill?.(oldest);
    }
    if (this.head > 64 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** Bytes kept now. */
  get byteLength(): number {
    return this.bytes;
  }

  get durationMs(): number {
    return (this.bytes / 2 / this.sampleRate) * 1000;
  }

  /** True when the start of the utterance was dropped to stay under the cap. */
  get truncated(): boolean {
    return this.dropped > 0;
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  get chunkCount(): number {
    return this.chunks.length - this.head;
  }

  /** The kept audio as one buffer of its own (safe to transfer to a worker). */
  concat(): Uint8Array {
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (let i = this.head; i < this.chunks.length; i++) {
      const c = this.chunks[i] as Uint8Array;
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }

  /** Forgets the audio, ready for the next utterance. */
  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.bytes = 0;
    this.dropped = 0;
  }

  close(): void {
    this.clear();
  }
}

const EMPTY = new Uint8Array(0);
