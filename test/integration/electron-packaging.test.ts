// Packaging: after the build, every path electron-builder.yml names exists, the bundles need only shipped modules, and the fuses hook works.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeBindingFileName } from '../../main/hosts/electron/logic/native-binding.js';

const root = process.cwd();
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  extraResources: { from: string; to: string; filter: string[] }[];
  linux: { icon: string; target: string[] };
  mac: { entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean; extendInfo: Record<string, string>; target: string[] };
  win: { target: string[] };
  publish: { provider: string; url: string };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };

/** The folder a glob such as dist/main/** or **\/node_modules/better-sqlite3/** starts from. */
function globBase(pattern: string): string {
  return pattern.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
}

function nonEmpty(path: string): boolean {
  if (!existsSync(path)) return false;
  return statSync(path).isDirectory() ? readdirSync(path).length > 0 : statSync(path).size > 0;
}

/** Bare module names a bundle loads (require("x") in CJS, import ... from "x" in ESM). */
function bareImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const names = [
    ...src.matchAll(/require\("([^".][^"]*)"\)/g),
    ...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']([^"'.][^"']*)["']/gm),
    ...src.matchAll(/^\s*import\s*["']([^"'.][^"']*)["']/gm),
  ].map((m) => m[1] as string);
  return [...new Set(names.map((n) => (n.startsWith('@') ? n.split('/').slice(0, 2).join('/') : (n.split('/')[0] as string))))];
}

beforeAll(() => {
  // Builds what is stale (npm test does the same); `node scripts/build.mjs --force` gives the same files.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
}, 180_000);

describe('electron-builder.yml after the build', () => {
  it('electron-builder accepts the configuration (its own schema validation)', async () => {
    const builderConfig = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string, extra: null): Promise<unknown>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await builderConfig.getConfig(root, 'electron-builder.yml', null);
    await expect(builderConfig.validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('every files pattern points at built output', () => {
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      expect(nonEmpty(join(root, globBase(pattern))), pattern).toBe(true);
    }
    expect(existsSync(join(root, 'dist/renderer/index.html'))).toBe(true);
  });

  it('package.json main is the Electron entry and the preload sits where main.ts loads it', () => {
    expect(pkg.main).toBe('dist/main/electron.cjs');
    expect(nonEmpty(join(root, pkg.main))).toBe(true);
    expect(nonEmpty(join(root, 'dist/preload/index.cjs'))).toBe(true);
  });

  it('every asarUnpack pattern matches something: the native modules and the worker scripts', () => {
    for (const pattern of config.asarUnpack) expect(nonEmpty(join(root, globBase(pattern))), pattern).toBe(true);
    expect(readdirSync(join(root, 'dist/workers')).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
  });

  it('the afterPack hook, entitlements and icons exist', () => {
    expect(existsSync(join(root, config.afterPack))).toBe(true);
    for (const plist of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const text = readFileSync(join(root, plist), 'utf8');
      expect(text).toContain('com.apple.security.device.audio-input');
      expect(text).toContain('com.apple.security.cs.allow-jit');
    }
    expect(existsSync(join(root, config.linux.icon, '256x256.png'))).toBe(true);
    expect(existsSync(join(root, 'build/icon.png'))).toBe(true);
  });

  it('targets AppImage, deb, dmg (hardened, microphone described) and nsis, with an update feed', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone|listens/i);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.publish.provider).toBe('generic');
  });

  it('the Electron-ABI better-sqlite3 is packed from where scripts/electron-native.mjs writes it, under the name main.ts looks for', () => {
    const extra = config.extraResources.find((r) => r.from === '.electron-native/');
    expect(extra).toMatchObject({ to: 'native/', filter: ['*.node'] });
    const script = readFileSync(join(root, 'scripts/electron-native.mjs'), 'utf8');
    expect(script).toContain('better_sqlite3-electron-${electronVersion}.node');
    expect(nativeBindingFileName('45.5.0')).toBe('better_sqlite3-electron-45.5.0.node');
    const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    if (!existsSync(join(root, '.electron-native', nativeBindingFileName(electronVersion)))) {
      console.log('.electron-native/ is built by `npm run dist` (node-gyp against Electron headers, which cannot be downloaded here)');
    }
  });

  it('the main bundle and the workers load only built-ins, electron and shipped dependencies', () => {
    const shipped = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {}), 'electron']);
    const builtins = new Set(builtinModules);
    const bundles = [join(root, 'dist/main/electron.cjs'), ...readdirSync(join(root, 'dist/workers')).filter((f) => f.endsWith('.js')).map((f) => join(root, 'dist/workers', f))];
    for (const bundle of bundles) {
      const missing = bareImports(bundle).filter((n) => !n.startsWith('node:') && !builtins.has(n) && !shipped.has(n));
      expect(missing, bundle).toEqual([]);
    }
  });

  it('the sandboxed preload requires nothing but electron', () => {
    expect(bareImports(join(root, 'dist/preload/index.cjs'))).toEqual(['electron']);
  });
});

describe('the fuses hook', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vcg-fuses-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flips the packed binary\'s fuses: RunAsNode off, cookie encryption, ASAR integrity, only load from ASAR', async () => {
    // A stand-in executable with Electron's fuse wire (version 1, 8 fuses, all inherited), flipped by the real @electron/fuses.
    const wire = Buffer.concat([Buffer.from('ELF...'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, 0x90), Buffer.from('...rest')]);
    writeFileSync(join(dir, 'voice-codegen'), wire);
    copyFileSync(join(dir, 'voice-codegen'), join(dir, 'untouched'));
    const hook = require(join(root, config.afterPack)) as { default: (ctx: unknown) => Promise<void>; FUSES: Record<string, boolean> };
    await hook.default({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Voice CodeGen' }, executableName: 'voice-codegen' } });
    const out = readFileSync(join(dir, 'voice-codegen'));
    const at = out.indexOf(SENTINEL) + SENTINEL.length + 2;
    const states = [...out.subarray(at, at + 8)].map((b) => (b === 0x31 ? true : b === 0x30 ? false : 'inherit'));
    // Order of Electron's fuse wire: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(states).toEqual([false, true, false, false, true, true, false, false]);
    expect(hook.FUSES).toMatchObject({ RunAsNode: false, EnableCookieEncryption: true, EnableEmbeddedAsarIntegrityValidation: true, OnlyLoadAppFromAsar: true });
  });
});
