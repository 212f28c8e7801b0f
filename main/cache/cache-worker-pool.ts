// The Piscina pool running workers/cache.ts: a ValueCodec for the hierarchy, plus prune and export/import of the L3 cache.
import { Piscina } from 'piscina';
import type { CompressionAlgorithm } from './envelope.js';
import { PREFERRED_ALGORITHM } from './compression.js';
import type { ValueCodec } from './value-codec.js';
import { AppError, isAbortError } from '../core/errors.js';

export interface CacheWorkerPoolOptions {
  /** The built worker, dist/workers/cache.js (the composition root knows where dist is). */
  workerFile: string;
  /** The SQLite file prune and export/import open. */
  databaseFile: string;
  nativeBinding?: string;
  /** Compression is short and bursty: one thread keeps the second core for the UI and audio. */
  maxThreads?: number;
  algorithm?: CompressionAlgorithm;
}

/**
 * A view that owns its whole ArrayBuffer, copying one that shares it (an ioredis socket chunk, a
 * Buffer pool slab) so transferring it detaches nothing else.
 */
function owned(view: Uint8Array): Uint8Array {
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer ? view : new Uint8Array(view);
}

export class CacheWorkerPool implements ValueCodec {
  readonly algorithm: CompressionAlgorithm;
  private readonly pool: Piscina;
  private readonly options: CacheWorkerPoolOptions;

  constructor(options: CacheWorkerPoolOptions) {
    this.options = options;
    this.algorithm = options.algorithm ?? PREFERRED_ALGORITHM;
    this.pool = new Piscina({ filename: options.workerFile, minThreads: 0, maxThreads: options.maxThreads ?? 1, idleTimeout: 30_000 });
  }

  /** Takes ownership of `data`: its buffer is transferred to the worker, not copied. */
  compress(data: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const bytes = owned(data);
    return this.task<Uint8Array>('compress', { algorithm: this.algorithm, data: bytes }, signal, [bytes.buffer as ArrayBuffer]);
  }

  decompress(data: Uint8Array, algorithm: CompressionAlgorithm, signal?: AbortSignal): Promise<Uint8Array> {
    const bytes = owned(data);
    return this.task<Uint8Array>('decompress', { algorithm, data: bytes }, signal, [bytes.buffer as ArrayBuffer]);
  }

  /** Deletes expired L3 rows on the worker's own connection. */
  prune(now: number, signal?: AbortSignal): Promise<{ deleted: number }> {
    return this.task('prune', this.dbTask(now), signal);
  }

  /** A passive WAL checkpoint of the database on the worker's own connection (Database.useCheckpointer). */
  checkpoint(signal?: AbortSignal): Promise<{ log: number; checkpointed: number; busy: number }> {
    return this.task('checkpoint', this.dbTask(Date.now()), signal);
  }

  exportCache(target: string, now: number, signal?: AbortSignal): Promise<{ entries: number }> {
    return this.task('exportCache', { ...this.dbTask(now), target }, signal);
  }

  importCache(source: string, now: number, signal?: AbortSignal): Promise<{ imported: number; skipped: number }> {
    return this.task('importCache', { ...this.dbTask(now), source }, signal);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private dbTask(now: number): { file: string; now: number; nativeBinding?: string } {
    return { file: this.options.databaseFile, now, ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}) };
  }

  private async task<R>(name: string, task: object, signal: AbortSignal | undefined, transferList?: ArrayBuffer[]): Promise<R> {
    try {
      return (await this.pool.run(task, { name, ...(signal ? { signal } : {}), ...(transferList ? { transferList } : {}) })) as R;
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw new AppError('CANCELLED', 'The cache task was cancelled.', { cause: error });
      throw new AppError('CACHE', `Cache worker task ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}
