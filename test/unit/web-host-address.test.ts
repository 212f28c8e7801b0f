// The web host's per-launch loopback address: random 127.x.y.z, and 127.0.0.1 where an address cannot be bound (macOS).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { listenOnFirst, listenOnLoopback, randomLoopbackAddress } from '../../main/hosts/web/web-guards.js';

describe('web host address', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  it('chooses a loopback address other than 127.0.0.1, different between launches', () => {
    const picks = new Set(Array.from({ length: 50 }, () => randomLoopbackAddress()));
    for (const a of picks) {
      expect(a).toMatch(/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
      expect(a).not.toBe('127.0.0.1');
      const [, x, y, z] = a.split('.').map(Number);
      expect(x).toBeGreaterThanOrEqual(1);
      expect(x).toBeLessThanOrEqual(254);
      expect(y).toBeLessThanOrEqual(255);
      expect(z).toBeGreaterThanOrEqual(1);
      expect(z).toBeLessThanOrEqual(254);
    }
    expect(picks.size).toBeGreaterThan(40);
  });

  it('listens on a random 127.x.y.z where the platform allows it (Linux)', async () => {
    const server = createServer();
    servers.push(server);
    const address = await listenOnLoopback(server, 0, silentLogger);
    expect((server.address() as AddressInfo).address).toBe(address);
    if (process.platform === 'linux') expect(address).not.toBe('127.0.0.1');
  });

  it('falls back to the next candidate when an address cannot be bound', async () => {
    const server = createServer();
    servers.push(server);
    // 192.0.2.1 (TEST-NET-1) is on no interface here: binding it fails with EADDRNOTAVAIL, as 127.x.y.z does on macOS.
    const address = await listenOnFirst(server, 0, silentLogger, ['192.0.2.1', '127.0.0.1']);
    expect(address).toBe('127.0.0.1');
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });
});
