// The dashboard shows each pool's queue: requests waiting for a Live session, answers waiting for their syntax check.
import { describe, expect, it } from 'vitest';
import { readDashboard } from '../../renderer/src/model/dashboard-model.js';

describe('dashboard queues', () => {
  it('reads how many wait on the session pool and on the syntax-check worker', () => {
    const m = readDashboard({
      pool: { size: 4, idle: 0, min: 1, max: 4, waiting: 3 },
      pools: { 'syntax checks': { size: 1, idle: 0, max: 64, waiting: 17 } },
    });
    expect(m.pools).toEqual([
      { name: 'Warm Live sessions', size: 4, idle: 0, min: 1, max: 4, waiting: 3 },
      { name: 'syntax checks', size: 1, idle: 0, min: null, max: 64, waiting: 17 },
    ]);
  });

  it('leaves the queue unknown when a pool does not report one', () => {
    expect(readDashboard({ pools: { workers: { size: 2 } } }).pools[0]?.waiting).toBeNull();
  });
});
