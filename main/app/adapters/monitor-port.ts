// The pipeline's MonitorPort over the performance monitor: one observation per request.
import type { PerformanceMonitor } from '../../monitor/performance-monitor.js';
import type { RequestObservation as MonitorObservation, TokenUsage } from '../../monitor/request-observation.js';
import type { ErrorCode } from '../../core/errors.js';
import type { MonitorPort, RequestObservation } from '../../pipeline/ports.js';

export class MonitorPortAdapter implements MonitorPort {
  constructor(private readonly monitor: PerformanceMonitor, private readonly codegenModel: () => string = () => 'unknown') {}

  record(o: RequestObservation): void {
    const obs: MonitorObservation = { stages: o.timings };
    if (o.cacheTier !== null) obs.cache = o.cacheTier;
    if (o.errorCode !== null) obs.errorCode = o.errorCode as ErrorCode;
    const tokens: TokenUsage[] = [];
    if (o.model !== undefined) tokens.push({ model: o.model, kind: 'generation', input: o.promptTokens ?? 0, output: o.outputTokens ?? 0 });
    // Discarded speculative streams cost their prompt and their output: they count toward the cost and the daily cap.
    const spec = o.speculation;
    if (spec && spec.wastedTokens > 0) {
      const input = spec.wastedPromptTokens ?? 0;
      tokens.push({ model: o.model ?? this.codegenModel(), kind: 'speculation', input, output: spec.wastedOutputTokens ?? spec.wastedTokens - input });
    }
    if (tokens.length > 0) obs.tokens = tokens;
    if (o.speculation) obs.speculation = o.speculation;
    this.monitor.recordRequest(obs);
  }

  checkTokenCap(): void {
    this.monitor.checkTokenCap();
  }
}
