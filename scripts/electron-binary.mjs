// Finds Electron's binary on disk without requiring 'electron' (whose index.js would start a download).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectronBinary(root) {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { found: false, reason: 'no Electron binary is installed (node_modules/electron/path.txt is missing: its download cannot run on this machine)' };
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = join(pkgDir, 'dist', rel);
  if (!existsSync(bin)) return { found: false, reason: `the Electron binary ${bin} is missing` };
  return { found: true, path: bin };
}
