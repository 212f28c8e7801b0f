// Parses the CLI's arguments (contract: --text | --audio, --lang, --json, --no-cache, --no-check, --intent-only) with messages that say what to do.
import { parseArgs } from 'node:util';

export interface CliArgs {
  text?: string;
  audio?: string;
  lang?: string;
  json: boolean;
  noCache: boolean;
  /** Skip the syntax check (it runs by default). */
  noCheck: boolean;
  intentOnly: boolean;
  help: boolean;
}

export const USAGE = `Usage: voice-codegen (--text "REQUEST" | --audio FILE.wav) [options]

  --text "..."     a typed request, e.g. --text "write a debounce function in typescript"
  --audio FILE     a recorded request (WAV), transcribed by Gemini
  --lang LANG      the programming language to write in (typescript, python, go, ...)
  --json           print every pipeline event and the stage timings as JSON lines
  --no-cache       skip the cache for this request
  --no-check       do not check that the code parses (checked by default with tree-sitter; one repair request if not)
  --intent-only    print the recognised intent and exit (no code generation, no key needed for --text)
  -h, --help       show this help

Exit codes: 0 code printed; 1 failed or incomplete answer; 2 bad arguments; 3 the code still does not parse
after the repair request (the code is printed on stdout, the syntax errors as line:column on stderr).

Needs GEMINI_API_KEY (or VOICE_CODEGEN_GEMINI_BASE_URL for a proxy or the simulator); try \`npm run demo\` without a key.`;

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        text: { type: 'string' },
        audio: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        'no-check': { type: 'boolean', default: false },
        'intent-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const args: CliArgs = { json: v.json === true, noCache: v['no-cache'] === true, noCheck: v['no-check'] === true, intentOnly: v['intent-only'] === true, help: v.help === true };
  if (typeof v.text === 'string') args.text = v.text;
  if (typeof v.audio === 'string') args.audio = v.audio;
  if (typeof v.lang === 'string') args.lang = v.lang.toLowerCase();
  if (args.help) return args;
  if (args.text === undefined && args.audio === undefined) throw new UsageError('Give a request with --text "..." or --audio FILE.wav.');
  if (args.text !== undefined && args.audio !== undefined) throw new UsageError('Give either --text or --audio, not both.');
  if (args.text !== undefined && args.text.trim() === '') throw new UsageError('--text is empty: say what code you want, e.g. --text "write a debounce function".');
  return args;
}
