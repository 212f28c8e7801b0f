// L2 over rediss:// (TLS) with a password, against a real redis-server with a throwaway self-signed certificate.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HierarchicalCache } from '../../main/cache/hierarchy.js';
import { createCacheKey } from '../../main/cache/keys.js';
import { L1MemoryTier } from '../../main/cache/l1-memory.js';
import { L2RedisTier } from '../../main/cache/l2-redis.js';
import { InlineCodec } from '../../main/cache/value-codec.js';
import { silentLogger } from '../../main/core/logger.js';
import { freePort, waitForPort } from '../support/net.js';

let dir: string;
let port: number;
let server: ChildProcess | undefined;
let ca: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-redis-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  if (made.status !== 0) throw new Error('openssl could not make a test certificate');
  ca = readFileSync(cert);
  port = await freePort();
  server = spawn('redis-server', ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--tls-cert-file', cert, '--tls-key-file', key, '--tls-ca-cert-file', cert, '--tls-auth-clients', 'no', '--requirepass', 'tls-pass', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await waitForPort(port, 10_000);
});

afterAll(async () => {
  const s = server;
  if (s && s.exitCode === null) await new Promise<void>((resolve) => (s.once('exit', () => resolve()), s.kill('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

describe('L2 over TLS', () => {
  it('stores and reads through rediss:// with AUTH, verifying the server certificate', async () => {
    const l1 = new L1MemoryTier<string>({ maxBytes: 1 << 20, ttlMs: 60_000 });
    const l2 = new L2RedisTier({ url: `rediss://:tls-pass@127.0.0.1:${port}`, secret: 'tls redis test team secret', tls: { ca }, logger: silentLogger, commandTimeoutMs: 1000 });
    const cache = new HierarchicalCache<string>({ l1, l2, codec: new InlineCodec(), compressThresholdBytes: 1 << 20, resultTtlMs: 60_000, logger: silentLogger });
    try {
      for (let i = 0; i < 300 && l2.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
      expect(l2.status).toBe('ready');
      const k = createCacheKey({ transcript: 'over tls', intent: 'generate', language: 'go' });
      await cache.set(k, 'encrypted in transit');
      l1.clear();
      expect(await cache.get(k)).toMatchObject({ tier: 'l2', value: 'encrypted in transit' });
    } finally {
      await cache.close();
    }
  });
});
