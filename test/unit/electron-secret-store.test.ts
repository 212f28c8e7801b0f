// API keys in the desktop app: encrypted by the OS or not stored at all, never logged, never described with their value.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors.js';
import { createFileSecretPersistence } from '../../main/hosts/electron/file-secret-persistence.js';
import { SafeStorageSecretStore } from '../../main/hosts/electron/logic/secret-store.js';
import type { SafeStorageLike } from '../../main/hosts/electron/services/secret-store.js';
import { CapturingLogger } from './electron-fakes.js';

const KEY = 'AIzaSyD-this-is-a-secret-key-1234567890';

/** Stands in for the OS keychain: a reversible transform that never leaves the plain text visible. */
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

const dirs: string[] = [];
function secretsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vcg-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets.json');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the key store', () => {
  it('stores a key encrypted in a file only the user can read, and loads it back for the app', async () => {
    const file = secretsFile();
    const logger = new CapturingLogger();
    const store = new SafeStorageSecretStore(fakeSafeStorage(true), createFileSecretPersistence(file), logger);
    await store.save('gemini:default', KEY);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const reopened = new SafeStorageSecretStore(fakeSafeStorage(true), createFileSecretPersistence(file), logger);
    await expect(reopened.load('gemini:default')).resolves.toBe(KEY);
    expect(logger.text()).not.toContain(KEY);
  });

  it('refuses to store in plain text when the OS has no encryption, and says so', async () => {
    const file = secretsFile();
    const store = new SafeStorageSecretStore(fakeSafeStorage(false), createFileSecretPersistence(file), new CapturingLogger());
    const error = await store.save('gemini:default', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORAGE');
    expect((error as AppError).message).toMatch(/no encrypted storage .* not saved to disk/);
    expect(() => statSync(file)).toThrow();
  });

  it("treats Linux's basic_text backend (a hard-coded password) as no encryption", async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), createFileSecretPersistence(secretsFile()), new CapturingLogger());
    expect(store.isEncryptionAvailable()).toBe(false);
    await expect(store.save('gemini:default', KEY)).rejects.toMatchObject({ code: 'STORAGE' });
    const keyring = new SafeStorageSecretStore(fakeSafeStorage(true, 'gnome_libsecret'), createFileSecretPersistence(secretsFile()), new CapturingLogger());
    expect(keyring.isEncryptionAvailable()).toBe(true);
  });

  it('what a renderer may learn names the stored keys and never contains one', async () => {
    const logger = new CapturingLogger();
    const store = new SafeStorageSecretStore(fakeSafeStorage(true), createFileSecretPersistence(secretsFile()), logger);
    await store.save('gemini:default', KEY);
    const described = await store.describe();
    expect(described).toEqual({ names: ['gemini:default'], encryption: 'os' });
    expect(JSON.stringify(described)).not.toContain(KEY);
    // Nothing the store logs carries the key, on success or failure.
    await store.load('gemini:default');
    await store.delete('gemini:default');
    expect(logger.text()).not.toContain(KEY);
    await expect(store.load('gemini:default')).resolves.toBeUndefined();
  });

  it('a key sealed elsewhere that cannot be decrypted is reported missing, not as garbage', async () => {
    const file = secretsFile();
    const storage = fakeSafeStorage(true);
    await new SafeStorageSecretStore(storage, createFileSecretPersistence(file), new CapturingLogger()).save('gemini:default', KEY);
    const broken: SafeStorageLike = { ...storage, decryptString: () => { throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'); } };
    const logger = new CapturingLogger();
    await expect(new SafeStorageSecretStore(broken, createFileSecretPersistence(file), logger).load('gemini:default')).resolves.toBeUndefined();
    expect(logger.lines.some((l) => l.message === 'could not decrypt a stored secret')).toBe(true);
  });
});
