// Issue 18: Electron with no usable keyring keeps an entered key for the session, as its message promises, and
// Settings says so. The real SafeStorageSecretStore with a fake safeStorage (the one part that needs Electron's binary).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app.js';
import { silentLogger } from '../../main/core/logger.js';
import { createFileSecretPersistence } from '../../main/hosts/electron/file-secret-persistence.js';
import { SafeStorageSecretStore } from '../../main/hosts/electron/logic/secret-store.js';
import type { SafeStorageLike } from '../../main/hosts/electron/services/secret-store.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../main/gemini-sim/index.js';
import { WORKERS_DIR } from '../support/app-harness.js';

/** Linux without GNOME Keyring or KWallet: Electron reports the basic_text backend (a hard-coded password). */
const noKeyring: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (plain) => Buffer.from(plain, 'utf8'),
  decryptString: (sealed) => sealed.toString('utf8'),
};

let dir: string;
let app: App | undefined;
let sim: GeminiSimulator | undefined;

afterEach(async () => {
  await app?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
  app = undefined;
});

describe('Electron without a usable keyring', { timeout: 30_000 }, () => {
  it('uses an entered key for this session, writes nothing to disk, and Settings says the key lasts for this session only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-nokeyring-'));
    sim = await startGeminiSimulator({ profile: 'instant', apiKeys: ['AIzaSessionOnlyKey-1234'] });
    const secretsFile = join(dir, 'secrets.json');
    const secretStore = new SafeStorageSecretStore(noKeyring, createFileSecretPersistence(secretsFile), silentLogger);
    app = await createApp({ env: { VOICE_CODEGEN_GEMINI_BASE_URL: sim.baseUrl }, logger: silentLogger, host: 'electron', dataDir: dir, workersDir: WORKERS_DIR, prewarm: false, platform: { secretStore } });

    const saved = await app.router.call('settings.setApiKey', { instance: 'default', apiKey: sim.apiKey }, { clientId: 'w' });
    expect(saved, JSON.stringify(saved)).toEqual({ ok: true, result: { ok: true, stored: 'memory', verified: true } });
    const result = await app.runText({ text: 'write a function that adds two numbers', noCache: true }, () => undefined);
    expect(result.complete).toBe(true);
    expect(existsSync(secretsFile)).toBe(false);

    const shown = await app.router.call('settings.get', {}, { clientId: 'w' });
    const settings = (shown as { result: { keyStorage: string; keyNotice?: string } }).result;
    expect(settings.keyStorage).toBe('memory');
    expect(settings.keyNotice).toMatch(/this session only/);
    expect(settings.keyNotice).toMatch(/keyring/);
  });
});
