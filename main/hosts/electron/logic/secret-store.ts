// API keys encrypted with the OS keychain (Electron safeStorage); refuses plain text, never logs or describes a key's value.
import { AppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import type { SafeStorageLike, SecretPersistence, SecretStore } from '../services/secret-store.js';

export const NO_ENCRYPTION_MESSAGE =
  'Your system offers no encrypted storage for the API key (on Linux: no keyring such as GNOME Keyring or KWallet is running), ' +
  'so it was not saved to disk. It is used for this session only; set GEMINI_API_KEY or start a keyring to keep it.';

type Sealed = Record<string, string>;

export class SafeStorageSecretStore implements SecretStore {
  private sealed: Sealed | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly safeStorage: SafeStorageLike, private readonly persistence: SecretPersistence, private readonly logger: Logger) {}

  /** Real encryption only: Linux's 'basic_text' backend is a hard-coded password, i.e. plain text in disguise. */
  isEncryptionAvailable(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    return this.safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  }

  async save(name: string, secret: string): Promise<void> {
    if (!this.isEncryptionAvailable()) {
      this.logger.warn({ name }, 'secret not stored: no OS encryption');
      throw new AppError('STORAGE', NO_ENCRYPTION_MESSAGE, { details: { name } });
    }
    const sealed = await this.readSealed();
    sealed[name] = this.safeStorage.encryptString(secret).toString('base64');
    await this.persist(sealed);
    this.logger.info({ name }, 'secret stored encrypted');
  }

  /** For the composition root only (it hands the key to the Gemini client); no renderer-facing method calls this. */
  async load(name: string): Promise<string | undefined> {
    const sealed = await this.readSealed();
    const value = sealed[name];
    if (value === undefined) return undefined;
    if (!this.safeStorage.isEncryptionAvailable()) {
      this.logger.warn({ name }, 'cannot decrypt: OS encryption unavailable');
      return undefined;
    }
    try {
      return this.safeStorage.decryptString(Buffer.from(value, 'base64'));
    } catch (error) {
      // A key sealed by another user or machine: report that it exists but cannot be read, never its bytes.
      this.logger.warn({ name, error: error instanceof Error ? error.name : 'unknown' }, 'could not decrypt a stored secret');
      return undefined;
    }
  }

  async delete(name: string): Promise<void> {
    const sealed = await this.readSealed();
    if (!(name in sealed)) return;
    delete sealed[name];
    await this.persist(sealed);
  }

  async describe(): Promise<{ names: string[]; encryption: 'os' | 'unavailable'; reason?: string }> {
    const names = Object.keys(await this.readSealed()).sort();
    return this.isEncryptionAvailable() ? { names, encryption: 'os' } : { names, encryption: 'unavailable', reason: NO_ENCRYPTION_MESSAGE };
  }

  private async readSealed(): Promise<Sealed> {
    if (this.sealed !== undefined) return this.sealed;
    const text = await this.persistence.read();
    let parsed: Sealed = {};
    if (text !== undefined) {
      try {
        const value: unknown = JSON.parse(text);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          parsed = Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
        }
      } catch {
        this.logger.warn({}, 'the secrets file is unreadable; starting without stored keys');
      }
    }
    this.sealed = parsed;
    return parsed;
  }

  private persist(sealed: Sealed): Promise<void> {
    // Writes are serialised so two quick saves cannot interleave.
    const next = this.writes.then(() => this.persistence.write(JSON.stringify(sealed)));
    this.writes = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      throw new AppError('STORAGE', 'Could not save the encrypted API key file.', { cause: error });
    });
  }
}
