// Where memory readings come from: the process's heap and RSS (v8, process) and system memory (systeminformation).
import { getHeapStatistics } from 'node:v8';

export interface ProcessMemory {
  /** V8 heap bytes in use (used_heap_size). */
  heapUsedBytes: number;
  /** The old generation's limit: V8's heap_size_limit minus the young generation's reservation. */
  heapLimitBytes: number;
  rssBytes: number;
}

export interface SystemMemory {
  totalBytes: number;
  /** Free plus reclaimable (page cache): si.mem().available, so a full page cache is not "pressure". */
  availableBytes: number;
}

export interface MemoryReading {
  process: ProcessMemory;
  /** Absent when the reader does not look at the system (the process reader). */
  system?: SystemMemory;
}

export interface MemoryReader {
  read(): Promise<MemoryReading>;
}

/**
 * V8 reserves 3 semi-spaces for the young generation inside heap_size_limit: 3 x 16 MiB on 64-bit
 * (measured here: --max-old-space-size=64 gives heap_size_limit 112 MiB, the 4096 MiB default
 * gives 4144 MiB; --max-semi-space-size=32 adds 48 MiB more). The old generation dies at its own
 * limit, so used/heap_size_limit never passes about 0.6 before an out-of-memory crash under a
 * 64 MiB limit; measuring against the old generation's limit makes 0.8 and 0.9 mean what they
 * say (test/integration/monitor-heap-pressure.test.ts: the warning fires at 0.80 and the process
 * still has room to free memory).
 */
export const DEFAULT_YOUNG_GENERATION_BYTES = 48 * 1024 * 1024;

export function readProcessMemory(youngGenerationBytes = DEFAULT_YOUNG_GENERATION_BYTES): ProcessMemory {
  const heap = getHeapStatistics();
  // A heap too small to hold the usual reservation (an embedder's custom limits): use it whole.
  const reserve = heap.heap_size_limit > 2 * youngGenerationBytes ? youngGenerationBytes : 0;
  return {
    // All of the heap in use, young objects included: they are promoted into the old generation
    // in bursts (large arrays jump from new to old large-object space in one scavenge), so
    // leaving them out made readings jump from 0.73 to 0.97 between two checks. Counting them
    // errs early (young garbage counts until the next scavenge), never late.
    heapUsedBytes: heap.used_heap_size,
    heapLimitBytes: heap.heap_size_limit - reserve,
    rssBytes: process.memoryUsage.rss(),
  };
}

/** The process only: cheap (a few µs), synchronous underneath. */
export class ProcessMemoryReader implements MemoryReader {
  constructor(private readonly youngGenerationBytes = DEFAULT_YOUNG_GENERATION_BYTES) {}

  read(): Promise<MemoryReading> {
    return Promise.resolve({ process: readProcessMemory(this.youngGenerationBytes) });
  }
}

export interface SystemMemorySource {
  mem(): Promise<{ total: number; available: number }>;
}

/**
 * The process plus system memory from systeminformation. si.mem() reads /proc/meminfo on Linux:
 * median 0.3 ms, p99 2.5 ms measured here (50 calls, the first one slowest); on macOS and Windows
 * it spawns vm_stat / wmic-like commands and takes tens of milliseconds. It is asynchronous and
 * only ever runs on the memory monitor's timer, never on a request's path.
 */
/**
 * systeminformation, loaded on the first reading (the monitor's timer, after start) rather than with the app: its
 * import is one of the costs between launching the web host and "ready to dictate" (test/bench/suites/footprint.ts).
 */
const systeminformation: SystemMemorySource = {
  mem: async () => (await import('systeminformation')).default.mem(),
};

export class SystemMemoryReader implements MemoryReader {
  constructor(
    private readonly source: SystemMemorySource = systeminformation,
    private readonly youngGenerationBytes = DEFAULT_YOUNG_GENERATION_BYTES,
  ) {}

  async read(): Promise<MemoryReading> {
    const mem = await this.source.mem();
    return { process: readProcessMemory(this.youngGenerationBytes), system: { totalBytes: mem.total, availableBytes: mem.available } };
  }
}
