// Parses the CLI's arguments (contract: --text | --audio, --lang, --json, --no-cache, --intent-only; --code, --no-check) with messages that say what to do.
import { parseArgs } from 'node:util';
import { LANGUAGE_IDS } from '../../config/schema.js';
import { canonicalLanguage } from '../../intent/languages.js';

export interface CliArgs {
  text?: string;
  audio?: string;
  /** A canonical language id (aliases such as ts, py, golang and shell are resolved). */
  lang?: string;
  /** A file holding the code a request acts on (explain, fix, add types, tests, document, convert). */
  code?: string;
  json: boolean;
  noCache: boolean;
  /** Skip the syntax check (it runs by default). */
  noCheck: boolean;
  intentOnly: boolean;
  help: boolean;
}

export const USAGE = `Usage: voice-codegen (--text "REQUEST" | --audio FILE.wav) [options]

  --text "..."     a typed request, e.g. --text "write a debounce function in typescript"
  --audio FILE     a recorded request (WAV, at most 200 MB), transcribed by Gemini
  --lang LANG      the programming language to write in (typescript, python, go, ...; ts, py, golang, shell work too)
  --code FILE      the code a request acts on ("explain this code", "add types", "write tests", "fix the error",
                   "convert it to go", "document it"); piped stdin does the same: cat app.py | voice-codegen --text "explain this"
  --json           print every pipeline event and the stage timings as JSON lines
  --no-cache       skip the cache for this request
  --no-check       do not check that the code parses (checked by default with tree-sitter; one repair request if not)
  --intent-only    print the recognised intent and exit (no code generation, no key needed for --text); with
                   --json its line has the transcript after the personal dictionary's replacements
  -h, --help       show this help

Code goes to stdout; what was heard (--audio), warnings and errors go to stderr.
Exit codes: 0 code printed; 1 failed or incomplete answer; 2 bad arguments; 3 the code still does not parse
after the repair request (the code is printed on stdout, the syntax errors as line:column on stderr).
Needs GEMINI_API_KEY (or VOICE_CODEGEN_GEMINI_BASE_URL for a proxy or the simulator: \`npm run gemini-sim\` prints both).
Data (cache, history, settings, dictionary): VOICE_CODEGEN_DATA_DIR.
Personal dictionary: voice-codegen dict add|list|remove|import|export (voice-codegen dict --help).`;

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
        code: { type: 'string' },
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
  if (typeof v.code === 'string') args.code = v.code;
  if (args.help) return args;
  if (typeof v.lang === 'string') {
    const lang = canonicalLanguage(v.lang);
    if (!lang) throw new UsageError(`Unknown language "${v.lang}" for --lang. Languages: ${LANGUAGE_IDS.join(', ')} (aliases such as ts, py, golang and shell work too).`);
    args.lang = lang;
  }
  if (args.text === undefined && args.audio === undefined) throw new UsageError('Give a request with --text "..." or --audio FILE.wav.');
  if (args.text !== undefined && args.audio !== undefined) throw new UsageError('Give either --text or --audio, not both.');
  if (args.text !== undefined && args.text.trim() === '') throw new UsageError('--text is empty: say what code you want, e.g. --text "write a debounce function".');
  return args;
}
