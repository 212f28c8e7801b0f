// `npm start` / `npm run demo`: builds what is stale, then opens the desktop app when Electron's binary exists,
// else serves the same renderer from the web host on 127.0.0.1 and says why. Never requires 'electron'.
import { spawn, execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = process.argv.includes('--demo');
const forceWeb = process.argv.includes('--web') || process.env.VOICE_CODEGEN_FORCE_WEB === '1';

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });

const env = { ...process.env };
const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

async function startSimulator() {
  // The simulator prints its base URL and key as JSON on its first line with --json.
  const sim = spawn(process.execPath, [join(root, 'dist/gemini-sim/cli.js'), '--profile', 'realistic', '--demo-scripts', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(sim);
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    sim.stdout.on('data', (d) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) {
        try {
          resolve(JSON.parse(line));
        } catch (e) {
          reject(new Error(`simulator printed ${line}`));
        }
      }
    });
    sim.once('exit', (code) => reject(new Error(`the Gemini simulator exited with code ${code}`)));
  });
  console.log(`Simulated Gemini at ${info.baseUrl} (demo: no real API calls, no key needed).`);
  env.GEMINI_API_KEY = info.apiKey;
  env.VOICE_CODEGEN_GEMINI_BASE_URL = info.baseUrl;
  env.VOICE_CODEGEN_SIMULATED = '1';
  if (info.adminUrl) env.VOICE_CODEGEN_SIM_ADMIN_URL = info.adminUrl;
}

if (demo) await startSimulator();

const electron = findElectronBinary(root);
let child;
if (electron.found && !forceWeb) {
  execFileSync(process.execPath, [join(root, 'scripts/electron-native.mjs')], { stdio: 'inherit' });
  child = spawn(electron.path, [join(root, 'dist/main/electron.cjs')], { stdio: 'inherit', env });
} else {
  env.VOICE_CODEGEN_WEB_REASON = forceWeb ? 'browser mode was asked for (--web).' : `${electron.reason}; the same app is served to your browser instead.`;
  child = spawn(process.execPath, [join(root, 'dist/web/server.js')], { stdio: 'inherit', env });
}
children.push(child);
child.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 0);
});
