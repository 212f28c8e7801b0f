// Launches Debian's Chromium through playwright-core (never a downloaded browser build), optionally with a WAV as the microphone.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
