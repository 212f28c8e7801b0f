// Builds main, preload, workers, CLI and simulator with esbuild, and the renderer with Vite; skips what is fresh.
// Never requires 'electron': the Electron entry keeps it external.
import { build } from 'esbuild';
import { copyFileSync, existsSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');
const log = (msg) => { if (!quiet) console.log(msg); };

function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith('node_modules') || p.endsWith('dist')) return;
      for (const name of readdirSync(p)) walk(join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return newest;
}

function isStale(output, inputs) {
  if (force) return true;
  const out = join(root, output);
  if (!existsSync(out)) return true;
  return newestMtime(inputs) > statSync(out).mtimeMs;
}

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: quiet ? 'error' : 'warning',
  absWorkingDir: root,
};

const NODE_INPUTS = ['main', 'preload', 'workers', 'package.json', 'scripts/build.mjs'];

async function buildNode() {
  if (!isStale('dist/.node-stamp', NODE_INPUTS)) return log('main, preload, workers: fresh');
  const esmEntries = {
    'cli/voice-codegen': 'main/hosts/cli/voice-codegen.ts',
    'web/server': 'main/hosts/web/server-entry.ts',
    'gemini-sim/cli': 'main/gemini-sim/cli.ts',
  };
  const workerEntries = {};
  for (const name of readdirSync(join(root, 'workers'))) {
    if (name.endsWith('.ts') && !name.endsWith('.d.ts')) workerEntries[`workers/${name.slice(0, -3)}`] = `workers/${name}`;
  }
  const existing = (entries) => Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(join(root, src))));
  await build({
    ...nodeCommon,
    format: 'esm',
    entryPoints: { ...existing(esmEntries), ...existing(workerEntries) },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.js' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // Electron's main and preload are CommonJS; 'electron' stays external so Node never loads it.
  const cjs = existing({ 'main/electron': 'main/hosts/electron/main.ts' });
  if (Object.keys(cjs).length > 0) {
    await build({ ...nodeCommon, format: 'cjs', entryPoints: cjs, outdir: join(root, 'dist'), outExtension: { '.js': '.cjs' }, external: ['electron'] });
  }
  // A sandboxed preload may require only 'electron' and a few built-ins: bundle everything else into it.
  if (existsSync(join(root, 'preload/index.ts'))) {
    await build({ ...nodeCommon, packages: undefined, format: 'cjs', entryPoints: { 'preload/index': 'preload/index.ts' }, outdir: join(root, 'dist'), outExtension: { '.js': '.cjs' }, external: ['electron'] });
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist/.node-stamp'), new Date().toISOString());
  log('built main, preload, workers, cli, gemini-sim');
}

/**
 * The syntax check's WASM files (main/quality/grammars.ts lists them): copied beside the built workers, where
 * workers/quality.ts finds them at run time (electron-builder ships dist/workers/**, unpacked from the asar).
 */
const GRAMMAR_FILES = [
  ['web-tree-sitter', 'web-tree-sitter.wasm'],
  ...['typescript', 'javascript', 'python', 'go', 'rust', 'java', 'kotlin', 'c_sharp', 'cpp', 'c', 'bash', 'ruby', 'php', 'swift', 'scala', 'html', 'css', 'json', 'yaml']
    .map((name) => ['@cursorless/tree-sitter-wasms', `out/tree-sitter-${name}.wasm`]),
  ['@vscode/tree-sitter-wasm', 'wasm/tree-sitter-powershell.wasm'],
];

function copyGrammars() {
  const out = join(root, 'dist/workers/grammars');
  mkdirSync(out, { recursive: true });
  let copied = 0;
  for (const [pkg, path] of GRAMMAR_FILES) {
    const from = join(root, 'node_modules', pkg, path);
    const to = join(out, path.split('/').pop());
    if (!force && existsSync(to) && statSync(to).size === statSync(from).size && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
    copyFileSync(from, to);
    copied++;
  }
  log(copied > 0 ? `copied ${copied} grammar files` : 'grammars: fresh');
}

async function buildRenderer() {
  if (!existsSync(join(root, 'renderer/index.html'))) return;
  if (!isStale('dist/renderer/index.html', ['renderer', 'preload/contract.ts', 'main/audio/dsp.ts', 'vite.config.ts'])) return log('renderer: fresh');
  // Inside vitest NODE_ENV is "test", which would bundle React's development build.
  process.env.NODE_ENV = 'production';
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  log('built renderer');
}

await buildNode();
copyGrammars();
await buildRenderer();
