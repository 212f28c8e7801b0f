// withTimeout aborts the work it times out, and cancellation passes through.
import { describe, expect, it } from 'vitest';
import { withTimeout, TimeoutError } from '../../main/core/timeout.js';
import { sleep } from '../../main/core/abort.js';

describe('withTimeout', () => {
  it('aborts the signal it gave the work when the deadline passes', async () => {
    let seen: AbortSignal | undefined;
    await expect(
      withTimeout('intent', 20, async (signal) => {
        seen = signal;
        await sleep(5_000, signal);
        return 'late';
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(TimeoutError);
  });

  it('returns the result when the work finishes in time', async () => {
    await expect(withTimeout('intent', 1000, async () => 42)).resolves.toBe(42);
  });

  it('passes a parent abort to the work as CANCELLED', async () => {
    const parent = new AbortController();
    const p = withTimeout('generation', 5_000, (signal) => sleep(5_000, signal), parent.signal);
    parent.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
