// Child process for the crash test: the real app (createApp, the composition root) answering a burst of typed requests
// against a simulator the parent runs; prints "ack <historyId>" once a result was delivered, until it is killed.
// Run: node --import tsx crash-app.ts DATA_DIR BASE_URL API_KEY PREFIX
import { join } from 'node:path';
import { createApp } from '../../main/app/create-app.js';
import { loadConfig } from '../../main/config/load.js';
import { silentLogger } from '../../main/core/logger.js';

const [dataDir, baseUrl, apiKey, prefix = 'c'] = process.argv.slice(2);
if (!dataDir || !baseUrl || !apiKey) {
  process.stderr.write('usage: crash-app.ts DATA_DIR BASE_URL API_KEY [PREFIX]\n');
  process.exit(2);
}

const MAX_REQUESTS = 5_000;
const IN_FLIGHT = 4;
const TOPICS = ['users', 'orders', 'invoices', 'tickets', 'events', 'files', 'carts', 'posts'];

const settings = loadConfig({ speculation: { enabled: false }, intent: { assistBelowConfidence: 0 } }, { GEMINI_API_KEY: apiKey, VOICE_CODEGEN_GEMINI_BASE_URL: baseUrl });
const app = await createApp({ settings, logger: silentLogger, host: 'web', dataDir, workersDir: join(process.cwd(), 'dist', 'workers'), prewarm: false });
let next = 0;

async function lane(): Promise<void> {
  while (next < MAX_REQUESTS) {
    const n = next++;
    // Every third request repeats an earlier one, so cache hits (and their L3 writes) are part of the burst.
    const text = `write a python function that sorts ${TOPICS[n % TOPICS.length]} by field ${prefix}${n % 3 === 2 ? n - 2 : n}`;
    const result = await app.runText({ text }, () => undefined);
    if (result.historyId !== null) process.stdout.write(`ack ${result.historyId}\n`);
  }
}

process.stdout.write('ready\n');
Promise.all(Array.from({ length: IN_FLIGHT }, () => lane()))
  .then(() => app.close())
  .catch((error: unknown) => {
    process.stderr.write(`crash-app failed: ${String(error)}\n`);
    process.exit(1);
  });
