// What callers of the generic resource pool see: warm resources, FIFO waiting with a clear timeout, shrink, rotation, drain.
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../main/core/clock.js';
import { AppError } from '../../main/core/errors.js';
import { ResourcePool, type ResourceFactory, type ResourcePoolOptions } from '../../main/core/resource-pool.js';

class FakeClock implements Clock {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  monotonic(): number {
    return this.t;
  }
}

interface Thing {
  id: number;
  broken: boolean;
  destroyed: boolean;
}

class ThingFactory implements ResourceFactory<Thing> {
  made: Thing[] = [];
  failNext = 0;
  /** When set, creates wait for release() (to hold them "in flight"). */
  gate: Promise<void> | undefined;
  async create(signal: AbortSignal): Promise<Thing> {
    if (this.gate) await this.gate;
    if (signal.aborted) throw new AppError('CANCELLED', 'aborted');
    if (this.failNext > 0) {
      this.failNext--;
      throw new AppError('UNAVAILABLE', 'server said no');
    }
    const thing = { id: this.made.length + 1, broken: false, destroyed: false };
    this.made.push(thing);
    return thing;
  }
  destroy(thing: Thing): void {
    thing.destroyed = true;
  }
  validate(thing: Thing): boolean {
    return !thing.broken && !thing.destroyed;
  }
  live(): Thing[] {
    return this.made.filter((t) => !t.destroyed);
  }
}

const pools: Array<ResourcePool<Thing>> = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function makePool(factory: ThingFactory, clock: Clock, overrides: Partial<ResourcePoolOptions> = {}): ResourcePool<Thing> {
  const pool = new ResourcePool(factory, {
    name: 'thing',
    min: 1,
    max: 3,
    acquireTimeoutMs: 1_000,
    idleTimeoutMs: 60_000,
    maxLifetimeMs: 600_000,
    maintenanceIntervalMs: 0,
    createBackoffMs: 1,
    maxCreateBackoffMs: 1,
    clock,
    ...overrides,
  });
  pools.push(pool);
  return pool;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('ResourcePool', () => {
  it('keeps the warm minimum ready and hands it out without creating', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    await until(() => pool.metrics().idle === 1);
    const thing = await pool.acquire();
    expect(thing.id).toBe(1);
    expect(pool.metrics().inUse).toBe(1);
    // The spare is replaced in the background so the next acquire is warm too.
    await until(() => pool.metrics().idle === 1);
    pool.release(thing);
    expect(pool.metrics()).toMatchObject({ inUse: 0, idle: 2 });
  });

  it('grows to max under a burst, then serves waiters first come first served', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock(), { min: 0, max: 2 });
    const [a, b] = await Promise.all([pool.acquire(), pool.acquire()]);
    expect(pool.metrics().size).toBe(2);
    const order: number[] = [];
    const first = pool.acquire().then((t) => (order.push(1), t));
    const second = pool.acquire().then((t) => (order.push(2), t));
    expect(pool.metrics().waiting).toBe(2);
    pool.release(a as Thing);
    pool.release(b as Thing);
    const [x, y] = await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
    expect(x).toBe(a);
    expect(y).toBe(b);
    expect(factory.made).toHaveLength(2);
  });

  it('fails a waiter with POOL_EXHAUSTED naming the pool state when nothing frees up in time', async () => {
    const pool = makePool(new ThingFactory(), new FakeClock(), { min: 0, max: 1, acquireTimeoutMs: 20 });
    const held = await pool.acquire();
    const error = await pool.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('POOL_EXHAUSTED');
    expect((error as AppError).message).toMatch(/1 of 1 in use/);
    expect(pool.metrics()).toMatchObject({ waiting: 0, timeouts: 1 });
    pool.release(held);
  });

  it('lets a caller abandon a wait with its signal', async () => {
    const pool = makePool(new ThingFactory(), new FakeClock(), { min: 0, max: 1 });
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(pool.metrics().waiting).toBe(0);
    pool.release(held);
  });

  it('tells a waiter why creating failed instead of timing out', async () => {
    const factory = new ThingFactory();
    factory.failNext = 1;
    const pool = makePool(factory, new FakeClock(), { min: 0 });
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'server said no' });
    expect(pool.metrics().failures).toBe(1);
    await expect(pool.acquire()).resolves.toMatchObject({ id: 1 });
  });

  it('never hands out a resource that went bad while idle, and replaces it', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    await until(() => pool.metrics().idle === 1);
    (factory.made[0] as Thing).broken = true;
    const thing = await pool.acquire();
    expect(thing.id).toBe(2);
    expect((factory.made[0] as Thing).destroyed).toBe(true);
  });

  it('destroys a resource released after it went bad and keeps the warm set', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    const thing = await pool.acquire();
    thing.broken = true;
    pool.release(thing);
    expect(thing.destroyed).toBe(true);
    await until(() => pool.metrics().idle === 1);
  });

  it('shrinks idle resources above the warm minimum after the idle timeout', async () => {
    const clock = new FakeClock();
    const factory = new ThingFactory();
    const pool = makePool(factory, clock, { min: 1, max: 3, idleTimeoutMs: 1_000 });
    const things = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    for (const t of things) pool.release(t);
    expect(pool.metrics().idle).toBe(3);
    clock.t += 999;
    pool.maintain();
    expect(pool.metrics().idle).toBe(3);
    clock.t += 1;
    pool.maintain();
    expect(pool.metrics()).toMatchObject({ idle: 1, destroyed: 2 });
  });

  it('rotates a resource past its lifetime: the replacement is ready before the old one goes', async () => {
    const clock = new FakeClock();
    const factory = new ThingFactory();
    const pool = makePool(factory, clock, { maxLifetimeMs: 5_000 });
    await until(() => pool.metrics().idle === 1);
    const old = factory.made[0] as Thing;
    clock.t += 5_000;
    pool.maintain();
    // Until the fresh one lands, the old one is still there to hand out.
    expect(old.destroyed).toBe(false);
    await until(() => old.destroyed);
    expect(pool.metrics()).toMatchObject({ idle: 1, created: 2 });
    expect((await pool.acquire()).id).toBe(2);
  });

  it('rotate() replaces every resource; one in use goes when released', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    const held = await pool.acquire();
    await until(() => pool.metrics().idle === 1);
    pool.rotate();
    await until(() => factory.made.length === 3 && factory.made[1]?.destroyed === true);
    pool.release(held);
    expect(held.destroyed).toBe(true);
    expect(factory.live().map((t) => t.id)).toEqual([3]);
  });

  it('hands out an outdated resource rather than make the caller wait for its replacement', async () => {
    let open: () => void = () => undefined;
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    await until(() => pool.metrics().idle === 1);
    factory.gate = new Promise((r) => (open = r));
    pool.rotate();
    const thing = await pool.acquire();
    expect(thing.id).toBe(1);
    open();
    factory.gate = undefined;
    pool.release(thing);
    expect(thing.destroyed).toBe(true);
  });

  it('setMin sizes the warm set', async () => {
    const pool = makePool(new ThingFactory(), new FakeClock(), { min: 1, max: 4 });
    pool.setMin(3);
    await until(() => pool.metrics().idle === 3);
    pool.setMin(9);
    await until(() => pool.metrics().idle === 4);
    expect(pool.warmTarget).toBe(4);
  });

  it('drain waits for lent resources, then destroys everything; acquire is refused meanwhile', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock());
    const held = await pool.acquire();
    await until(() => pool.metrics().idle === 1);
    let drained = false;
    const draining = pool.drain().then(() => (drained = true));
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await new Promise((r) => setTimeout(r, 5));
    expect(drained).toBe(false);
    pool.release(held);
    await draining;
    expect(factory.live()).toEqual([]);
  });

  it('close fails waiters and destroys resources still lent out', async () => {
    const factory = new ThingFactory();
    const pool = makePool(factory, new FakeClock(), { min: 0, max: 1 });
    const held = await pool.acquire();
    const waiting = pool.acquire();
    await pool.close();
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(held.destroyed).toBe(true);
    pool.release(held);
    expect(pool.metrics().inUse).toBe(0);
  });

  it('health-checks idle resources during maintenance and replaces the unhealthy ones', async () => {
    const factory = new ThingFactory();
    const sick = new Set<number>();
    const checked = Object.assign(factory, { healthCheck: async (t: Thing) => !sick.has(t.id) });
    const pool = makePool(checked, new FakeClock());
    await until(() => pool.metrics().idle === 1);
    sick.add(1);
    pool.maintain();
    await until(() => (factory.made[0] as Thing).destroyed && pool.metrics().idle === 1);
    expect((await pool.acquire()).id).toBe(2);
    expect(pool.metrics().failures).toBe(1);
  });

  it('gives up on a create that hangs, and the waiter hears why', async () => {
    const factory = new ThingFactory();
    factory.gate = new Promise(() => undefined);
    const pool = makePool(factory, new FakeClock(), { min: 0, createTimeoutMs: 20 });
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(pool.metrics()).toMatchObject({ creating: 0, failures: 1 });
  });

  it('reports acquire latency', async () => {
    const pool = makePool(new ThingFactory(), new FakeClock());
    pool.release(await pool.acquire());
    expect(pool.metrics().acquireLatencyUs.count).toBe(1);
  });
});
