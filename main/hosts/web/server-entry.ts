// Web host entry (`npm start` without an Electron binary, and `npm run demo`): creates the app, serves the renderer on 127.0.0.1.
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickConfigEnv } from '../../config/load.js';
import { createApp } from '../../app/create-app.js';
import { createLogger } from '../../app/logger.js';
import { defaultDataDir } from '../../app/paths.js';
import { startWebHost } from './web-host.js';
import { waitUntilReady } from './ready.js';
import { toAppError } from '../../core/errors.js';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const logger = createLogger({ level: process.env.VOICE_CODEGEN_LOG_LEVEL ?? 'warn' });
  const reason = process.env.VOICE_CODEGEN_WEB_REASON ?? 'running in browser mode.';
  const simulated = process.env.VOICE_CODEGEN_SIMULATED === '1';
  const env = pickConfigEnv(process.env);
  const dataDir = env.VOICE_CODEGEN_DATA_DIR ?? defaultDataDir(process.platform, homedir(), process.env);
  const app = await createApp({
    env,
    logger,
    host: 'web',
    dataDir,
    workersDir: join(distDir, 'workers'),
    simulated,
    // The page gets one short line; the terminal keeps the full reason (paths included).
    note: reason.includes('--web') ? 'Browser mode, as asked with --web.' : 'Browser mode: the desktop window needs Electron, which is not installed here.',
  });
  const host = await startWebHost({
    router: app.router,
    events: app.events,
    onAudio: (id, pcm, clientId) => app.onAudio(id, pcm, clientId),
    onClientClosed: (clientId) => app.clientClosed(clientId),
    rendererDir: join(distDir, 'renderer'),
    port: app.settings.app.port,
    logger,
    metrics: () => app.metricsText(),
  });
  console.log(`Voice CodeGen is running in your browser at ${host.launchUrl}`);
  console.log(`Not a desktop window: ${reason}`);
  if (simulated) {
    console.log('Gemini: simulated (no real API calls).');
    console.log('The simulator does not hear you: speech gets a scripted transcript, typed requests are answered as typed. With GEMINI_API_KEY your own words are transcribed.');
  }
  waitUntilReady(app)
    .then((ready) => console.log(ready.line))
    .catch(() => undefined);
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      // A second Ctrl-C: stop now.
      process.exit(1);
    }
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    host
      .close()
      .then(() => app.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = toAppError(error);
  console.error(`Voice CodeGen could not start: ${e.message}`);
  process.exit(1);
});
