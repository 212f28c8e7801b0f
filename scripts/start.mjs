// `npm start` / `npm run demo`: builds what is stale, then opens the desktop app when Electron's binary exists,
// else serves the same renderer from the web host on a loopback address and says why. Never requires 'electron'.
import { spawn, execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
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
  const sim = spawn(process.execPath, [join(root, 'dist/gemini-sim/cli.js'), '--profile', 'realistic', '--admin-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(sim);
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`the Gemini simulator did not start within 15 s:\n${buf}`)), 15_000);
    sim.stdout.on('data', (d) => {
      buf += d.toString();
      const baseUrl = /base URL:\s+(\S+)/.exec(buf)?.[1];
      const apiKey = /API key:\s+(\S+)/.exec(buf)?.[1];
      const adminUrl = /admin URL:\s+(\S+)/.exec(buf)?.[1];
      const adminToken = /admin token:\s+(\S+)/.exec(buf)?.[1];
      if (baseUrl && apiKey && adminUrl && adminToken) {
        clearTimeout(timer);
        resolve({ baseUrl, apiKey, adminUrl, adminToken });
      }
    });
    sim.once('exit', (code) => reject(new Error(`the Gemini simulator exited with code ${code}:\n${buf}`)));
  });
  // A few scripted utterances: whatever a new user says is heard as the default request, and the
  // fixtures' identifying tones (used by the e2e tests) pick the others.
  const demoScripts = JSON.parse(readFileSync(join(root, 'scripts/demo-scripts.json'), 'utf8'));
  const res = await fetch(`${info.adminUrl}/scripts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${info.adminToken}` }, body: JSON.stringify(demoScripts) });
  if (!res.ok) throw new Error(`could not load the demo scripts into the simulator: ${res.status} ${await res.text()}`);
  console.log(`Simulated Gemini at ${info.baseUrl} (demo: no real API calls, no key needed; realistic latencies).`);
  env.GEMINI_API_KEY = info.apiKey;
  env.VOICE_CODEGEN_GEMINI_BASE_URL = info.baseUrl;
  env.VOICE_CODEGEN_SIMULATED = '1';
  env.VOICE_CODEGEN_SIM_ADMIN_URL = info.adminUrl;
  // The demo keeps its own data, so trying it does not mix with real history.
  env.VOICE_CODEGEN_DATA_DIR = env.VOICE_CODEGEN_DATA_DIR ?? join(root, '.cache', 'demo-data');
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
