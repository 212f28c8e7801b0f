// The pipeline's MonitorPort over the performance monitor: one observation per request.
import type { PerformanceMonitor } from '../../monitor/performance-monitor.js';
import type { RequestObservation as MonitorObservation } from '../../monitor/request-observation.js';
import type { ErrorCode } from '../../core/errors.js';
import type { MonitorPort, RequestObservation } from '../../pipeline/ports.js';

export class MonitorPortAdapter implements MonitorPort {
  constructor(private readonly monitor: PerformanceMonitor) {}

  record(o: RequestObservation): void {
    const obs: MonitorObservation = { stages: o.timings };
    if (o.cacheTier !== null) obs.cache = o.cacheTier;
    if (o.errorCode !== null) obs.errorCode = o.errorCode as ErrorCode;
    if (o.model !== undefined) obs.tokens = { model: o.model, input: o.promptTokens ?? 0, output: o.outputTokens ?? 0 };
    if (o.speculation) obs.speculation = o.speculation;
    this.monitor.recordRequest(obs);
  }

  checkTokenCap(): void {
    this.monitor.checkTokenCap();
  }
}
