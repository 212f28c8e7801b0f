// How large cache values are compressed before L2/L3: an interface, with an inline (libuv threadpool) implementation.
import { throwIfAborted } from '../core/abort.js';
import type { CompressionAlgorithm } from './envelope.js';
import { PREFERRED_ALGORITHM, compressAsync, decompressAsync } from './compression.js';

/** The hierarchy only needs these two operations; the Piscina worker pool and InlineCodec both provide them. */
export interface ValueCodec {
  /** What compress() produces. */
  readonly algorithm: CompressionAlgorithm;
  compress(data: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
  decompress(data: Uint8Array, algorithm: CompressionAlgorithm, signal?: AbortSignal): Promise<Uint8Array>;
}

/** Compresses on the main thread's libuv pool: for tests and for setups without the worker file. */
export class InlineCodec implements ValueCodec {
  readonly algorithm: CompressionAlgorithm;

  constructor(algorithm: CompressionAlgorithm = PREFERRED_ALGORITHM) {
    this.algorithm = algorithm;
  }

  async compress(data: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    return compressAsync(this.algorithm, data);
  }

  async decompress(data: Uint8Array, algorithm: CompressionAlgorithm, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    return decompressAsync(algorithm, data);
  }
}
