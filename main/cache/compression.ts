// Compression of cache payloads with node:zlib: zstd where this Node has it (22.15+), brotli otherwise; gzip still readable.
import * as zlib from 'node:zlib';
import { promisify } from 'node:util';
import { AppError } from '../core/errors.js';
import type { CompressionAlgorithm } from './envelope.js';

type Codec = (data: Uint8Array, options?: object) => Promise<Buffer>;
type SyncCodec = (data: Uint8Array, options?: object) => Buffer;

// @types/node 20 does not declare zstd; look it up at run time so Electron's newer Node uses it.
const z = zlib as unknown as Record<string, unknown>;
const hasZstd = typeof z.zstdCompress === 'function';

/** Brotli at quality 4: most of the ratio of quality 11 at a small fraction of its time, for ~10-100 KB answers. */
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

/** A cached value never decompresses past this: a small hostile entry cannot expand into gigabytes (zlib stops and throws). */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;
const BOUNDED = { maxOutputLength: MAX_DECOMPRESSED_BYTES };

export const PREFERRED_ALGORITHM: CompressionAlgorithm = hasZstd ? 'zstd' : 'brotli';

const asyncCodecs: Record<CompressionAlgorithm, { compress: Codec; decompress: Codec } | undefined> = {
  gzip: { compress: promisify(zlib.gzip) as Codec, decompress: promisify(zlib.gunzip) as Codec },
  brotli: { compress: promisify(zlib.brotliCompress) as Codec, decompress: promisify(zlib.brotliDecompress) as Codec },
  zstd: hasZstd ? { compress: promisify(z.zstdCompress as never) as Codec, decompress: promisify(z.zstdDecompress as never) as Codec } : undefined,
};

const syncCodecs: Record<CompressionAlgorithm, { compress: SyncCodec; decompress: SyncCodec } | undefined> = {
  gzip: { compress: zlib.gzipSync, decompress: zlib.gunzipSync },
  brotli: { compress: zlib.brotliCompressSync, decompress: zlib.brotliDecompressSync },
  zstd: hasZstd ? { compress: z.zstdCompressSync as SyncCodec, decompress: z.zstdDecompressSync as SyncCodec } : undefined,
};

function unsupported(algorithm: string): AppError {
  return new AppError('CACHE', `This build cannot decode ${algorithm}-compressed cache entries; the entry is skipped.`);
}

function options(algorithm: CompressionAlgorithm): object | undefined {
  return algorithm === 'brotli' ? BROTLI : undefined;
}

export async function compressAsync(algorithm: CompressionAlgorithm, data: Uint8Array): Promise<Buffer> {
  const codec = asyncCodecs[algorithm];
  if (!codec) throw unsupported(algorithm);
  return codec.compress(data, options(algorithm));
}

export async function decompressAsync(algorithm: CompressionAlgorithm, data: Uint8Array): Promise<Buffer> {
  const codec = asyncCodecs[algorithm];
  if (!codec) throw unsupported(algorithm);
  return codec.decompress(data, BOUNDED);
}

/** For the worker thread, where blocking is the point. */
export function compressSync(algorithm: CompressionAlgorithm, data: Uint8Array): Buffer {
  const codec = syncCodecs[algorithm];
  if (!codec) throw unsupported(algorithm);
  return codec.compress(data, options(algorithm));
}

export function decompressSync(algorithm: CompressionAlgorithm, data: Uint8Array): Buffer {
  const codec = syncCodecs[algorithm];
  if (!codec) throw unsupported(algorithm);
  return codec.decompress(data, BOUNDED);
}
