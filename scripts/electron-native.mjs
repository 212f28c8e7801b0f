// Rebuilds better-sqlite3 for Electron's ABI into .electron-native/ (loaded through nativeBinding), leaving node_modules right for Node.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const outDir = join(root, '.electron-native');
const target = join(outDir, `better_sqlite3-electron-${electronVersion}.node`);
if (existsSync(target)) {
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
  process.exit(0);
}
const work = join(outDir, 'build-better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute)...`);
execFileSync('npx', ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'], { cwd: work, stdio: 'inherit' });
cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
