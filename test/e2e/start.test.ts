// The README's run line: `npm start` prints the web host URL and serves the app shell to a real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { startAppProcess, type StartedApp } from '../support/start-app.js';

describe('npm start without an Electron binary', () => {
  let app: StartedApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error('Debian chromium is required: apt-get install -y chromium (the README test line installs it)');
    app = await startAppProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.cleanup();
    await app?.stop();
  });

  it('prints the URL with its token and one line saying why it is not a desktop window', () => {
    expect(app.launchUrl).toMatch(/^http:\/\/127\.\d+\.\d+\.\d+:\d+\/\?token=/);
    expect(app.output()).toMatch(/Not a desktop window: .*Electron/);
  });

  it('serves the app shell that a browser renders', async () => {
    const page = await browser.newPage();
    await page.goto(app.launchUrl);
    await page.getByRole('heading', { name: 'Voice CodeGen', exact: true }).waitFor();
    await page.getByText('browser mode', { exact: true }).waitFor();
    expect(page.url()).not.toContain('token=');
    await page.close();
  });

  it('answers /healthz with ok and refuses the API without the token', async () => {
    const health = await fetch(`${app.origin}/healthz`);
    expect(await health.text()).toBe('ok');
    const refused = await fetch(`${app.origin}/metrics`);
    expect(refused.status).toBe(401);
    const token = new URL(app.launchUrl).searchParams.get('token') ?? '';
    expect((await fetch(`${app.origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
