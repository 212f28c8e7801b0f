// Suite core: what the core helpers cost on the hot path (withTimeout vs calling the work directly).
import { withTimeout } from '../../../main/core/timeout.js';
import type { BenchContext } from '../harness.js';

export async function run(ctx: BenchContext): Promise<void> {
  const work = async (_signal?: AbortSignal): Promise<number> => 1;
  const cmp = await ctx.compare(
    () => withTimeout('bench', 1000, work),
    () => work(),
    { warmup: 2000, samples: 100, batch: 200 },
  );
  ctx.record('core.timeout_overhead_ns', {
    value: cmp.a.median - cmp.b.median,
    unit: 'ns',
    better: 'lower',
    goal: 5000,
    detail: { median: cmp.a.median, p99: cmp.a.p99, bare_median: cmp.b.median, bare_p99: cmp.b.p99, samples: cmp.a.n },
  });
}
