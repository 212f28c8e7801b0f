// Where API keys live in the desktop app: encrypted by the OS (Electron safeStorage), never in plain text.

/** The subset of Electron's safeStorage the store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded password, which we treat as no encryption. */
  getSelectedStorageBackend?(): string;
}

/** Reads and writes the encrypted secrets file (JSON of name -> base64 ciphertext). */
export interface SecretPersistence {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** The main-process store: load() is for the composition root only, never for a renderer-facing method. */
export interface SecretStore {
  isEncryptionAvailable(): boolean;
  save(name: string, secret: string): Promise<void>;
  load(name: string): Promise<string | undefined>;
  delete(name: string): Promise<void>;
  /** What a renderer may learn: which names are set and how, never the secrets. */
  describe(): Promise<{ names: string[]; encryption: 'os' | 'unavailable'; reason?: string }>;
}
