// Where the app keeps its data by default on each OS (VOICE_CODEGEN_DATA_DIR overrides it), and making sure it is usable.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';

export function defaultDataDir(platform: NodeJS.Platform, home: string, env: { APPDATA?: string; XDG_DATA_HOME?: string }): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Voice CodeGen');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Voice CodeGen');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'voice-codegen');
}

function unusable(dir: string, why: string, cause?: unknown): AppError {
  return new AppError('STORAGE', `The data folder ${dir} cannot be used: ${why}. Choose another folder with VOICE_CODEGEN_DATA_DIR, or fix that path.`, {
    ...(cause !== undefined ? { cause } : {}),
    details: { dataDir: dir },
  });
}

/**
 * Creates the data folder readable by the user only (0700 on POSIX: it holds history, transcripts and code), or
 * explains, naming the path, why it cannot be used. A folder that already exists keeps its mode; its files are 0600.
 */
export function ensureDataDir(dir: string): void {
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw unusable(dir, 'a file is in the way where a folder should be', error);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw unusable(dir, 'there is no permission to create it', error);
    throw unusable(dir, (error as Error).message, error);
  }
  if (!statSync(dir).isDirectory()) throw unusable(dir, 'it is not a folder');
  // mkdir's mode is filtered by the umask; set it exactly on the folder created here.
  if (created !== undefined && process.platform !== 'win32') chmodSync(dir, 0o700);
}
