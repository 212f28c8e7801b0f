// Launches Debian's Chromium through playwright-core (never a downloaded browser build), optionally with a WAV as the microphone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.VOICE_CODEGEN_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface LaunchOptions {
  /** A WAV file Chromium plays as the microphone (it loops the file). */
  fakeMicWav?: string;
  /** Deny the microphone instead of granting it. */
  denyMicrophone?: boolean;
  headless?: boolean;
  env?: Record<string, string>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser & { cleanup(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'vcg-chromium-'));
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ];
  if (!options.denyMicrophone) args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream');
  if (options.fakeMicWav) args.push(`--use-file-for-fake-audio-capture=${options.fakeMicWav}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: options.headless ?? true, args, ...(options.env ? { env: options.env } : {}) });
  return Object.assign(browser, {
    cleanup: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}

/**
 * Why a Chromium test cannot run here, or undefined when it can: the binary must exist and start (a broken or
 * half-installed package exists but fails), and the speech tools must make the microphone fixture.
 */
export function chromiumSkipReason(options: { speech?: boolean } = {}): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set VOICE_CODEGEN_CHROMIUM)`;
  const version = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (version.status !== 0) return `${CHROMIUM_PATH} does not start (--version exited ${String(version.status)}): ${(version.stderr || String(version.error ?? '')).trim().slice(0, 200)}`;
  if (options.speech && !(spawnSync('espeak-ng', ['--version']).status === 0 && spawnSync('sox', ['--version']).status === 0)) return 'espeak-ng and sox are needed for the microphone fixture (scripts/install-test-deps.sh)';
  return undefined;
}

/**
 * Opens the app (served against the simulator) and waits for its "simulated Gemini" badge. Other work in this checkout
 * may rebuild dist/renderer while the page loads its assets: one reload covers that.
 */
export async function openSimulatedApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page
    .getByText('simulated Gemini', { exact: true })
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      await page.reload();
      await page.getByText('simulated Gemini', { exact: true }).waitFor();
    });
}
