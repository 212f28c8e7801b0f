// `npm run gemini-sim`: runs the simulator alone and prints where it listens; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startGeminiSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'admin-port': { type: 'string' },
    profile: { type: 'string', default: 'realistic' },
    key: { type: 'string', multiple: true },
    'tokens-per-second': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('usage: gemini-sim [--port N] [--admin-port N] [--profile instant|realistic] [--key KEY]... [--tokens-per-second N]');
  process.exit(0);
}
const profile = values.profile;
if (profile !== 'instant' && profile !== 'realistic') {
  console.error(`--profile must be instant or realistic, got "${profile ?? ''}"`);
  process.exit(2);
}
const toPort = (text: string | undefined, fallback: number): number => {
  const port = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`not a port: ${text ?? ''}`);
    process.exit(2);
  }
  return port;
};

const sim = await startGeminiSimulator({
  port: toPort(values.port, 0),
  adminPort: toPort(values['admin-port'], 0),
  profile,
  ...(values.key ? { apiKeys: values.key } : {}),
  ...(values['tokens-per-second'] ? { tokensPerSecond: Number(values['tokens-per-second']) } : {}),
});
console.log(`Gemini simulator (${profile}) listening`);
console.log(`  base URL:  ${sim.baseUrl}`);
console.log(`  API key:   ${sim.apiKey}`);
console.log(`  admin URL: ${sim.adminUrl ?? 'off'}`);
if (sim.adminToken) console.log(`  admin token: ${sim.adminToken} (send Authorization: Bearer <admin token>)`);
console.log(`Use: VOICE_CODEGEN_GEMINI_BASE_URL=${sim.baseUrl} GEMINI_API_KEY=${sim.apiKey}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the simulator`);
  sim.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
