// The data directory (issue 18): private on POSIX, an unusable path named in the error, and a damaged database's
// notice saying that settings were reset too.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../main/app/create-app.js';
import { AppError } from '../../main/core/errors.js';
import { silentLogger } from '../../main/core/logger.js';
import { WORKERS_DIR } from '../support/app-harness.js';

let root: string;
let app: App | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  rmSync(root, { recursive: true, force: true });
});

const start = (dataDir: string): Promise<App> => createApp({ env: {}, logger: silentLogger, host: 'web', dataDir, workersDir: WORKERS_DIR, prewarm: false });

async function startFailure(dataDir: string): Promise<AppError> {
  const error = await start(dataDir).then(
    async (a) => {
      await a.close();
      throw new Error('the app started on an unusable data path');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const posix = process.platform !== 'win32';
if (!posix) console.log('data-dir permission test skipped: file modes 0700/0600 are POSIX only');

describe('the data directory', { timeout: 30_000 }, () => {
  it.skipIf(!posix)('is created 0700 and the database with its -wal and -shm files 0600, whatever the umask', async () => {
    root = mkdtempSync(join(tmpdir(), 'vcg-datadir-'));
    const dataDir = join(root, 'fresh', 'voice-codegen');
    const previous = process.umask(0o022);
    try {
      app = await start(dataDir);
    } finally {
      process.umask(previous);
    }
    await app.runText({ text: 'write a hello world function in go', noCache: true }, () => undefined).catch(() => undefined); // writes history
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of ['voice-codegen.db', 'voice-codegen.db-wal', 'voice-codegen.db-shm']) {
      expect(statSync(join(dataDir, name)).mode & 0o777, name).toBe(0o600);
    }
  });

  it('names a data path that is a file, or lies under one, and says how to fix it', async () => {
    root = mkdtempSync(join(tmpdir(), 'vcg-datadir-'));
    const file = join(root, 'not-a-directory');
    writeFileSync(file, 'x');
    for (const dataDir of [file, join(file, 'below')]) {
      const e = await startFailure(dataDir);
      expect(e.code).toBe('STORAGE');
      expect(e.message).toContain(dataDir);
      expect(e.message).toMatch(/VOICE_CODEGEN_DATA_DIR/);
    }
  });

  it.skipIf(!posix)('names a data path it may not create', async () => {
    root = mkdtempSync(join(tmpdir(), 'vcg-datadir-'));
    const dataDir = `/sys/vcg-no-permission-${process.pid}/data`; // refused even to root
    const e = await startFailure(dataDir);
    expect(e.code).toBe('STORAGE');
    expect(e.message).toContain(dataDir);
  });

  it('a damaged database: the notice says where it went and that settings were reset to their defaults too', async () => {
    root = mkdtempSync(join(tmpdir(), 'vcg-datadir-'));
    writeFileSync(join(root, 'voice-codegen.db'), Buffer.alloc(8192, 0x41));
    app = await start(root);
    const info = await app.router.call('app.info', {}, { clientId: 't' });
    expect(info.ok).toBe(true);
    const notice = (info as { result: { dataDirNotice?: string } }).result.dataDirNotice ?? '';
    expect(notice).toMatch(/moved aside to .*voice-codegen\.db\.corrupt-/);
    expect(notice).toMatch(/settings .*reset to (their )?defaults/i);
  });
});
