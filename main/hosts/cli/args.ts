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
  /** Edit by voice on a file: FILE, the 1-based inclusive line range (all lines when absent), and what to do with the result. */
  edit?: string;
  lines?: { from: number; to: number };
  diff: boolean;
  inPlace: boolean;
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
  --intent-only    print the recognised intent and exit (no code generation, no key needed for --text)
  --edit FILE      edit FILE by the request: prints the whole edited file (only the edited lines change)
  --lines A-B      with --edit: edit only lines A to B (1-based, inclusive; at most 64 KB of them)
  --diff           with --edit: print a unified diff instead (apply it with patch -p1 or git apply)
  --in-place       with --edit: write FILE atomically instead of printing it (temp file + rename, mode kept)
  -h, --help       show this help

  Edit example: voice-codegen --edit src/user.ts --lines 10-24 --text "rename user to account" --diff

Code goes to stdout; what was heard (--audio), warnings and errors go to stderr.
Exit codes: 0 code printed; 1 failed or incomplete answer; 2 bad arguments or a bad --edit file (missing,
unreadable, binary, a range outside it, lines over 64 KB: the file is left untouched); 3 the code still does not parse
after the repair request (the code is printed on stdout, the syntax errors as line:column on stderr).
Needs GEMINI_API_KEY (or VOICE_CODEGEN_GEMINI_BASE_URL for a proxy or the simulator: \`npm run gemini-sim\` prints both).
Data (cache, history, settings): VOICE_CODEGEN_DATA_DIR.`;

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
        edit: { type: 'string' },
        lines: { type: 'string' },
        diff: { type: 'boolean', default: false },
        'in-place': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const args: CliArgs = { json: v.json === true, noCache: v['no-cache'] === true, noCheck: v['no-check'] === true, intentOnly: v['intent-only'] === true, help: v.help === true, diff: v.diff === true, inPlace: v['in-place'] === true };
  if (typeof v.edit === 'string') args.edit = v.edit;
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
  checkEditArgs(args, v.lines);
  return args;
}

function checkEditArgs(args: CliArgs, lines: string | boolean | undefined): void {
  if (args.edit === undefined) {
    if (lines !== undefined || args.diff || args.inPlace) throw new UsageError('--lines, --diff and --in-place go with --edit FILE.');
    return;
  }
  if (args.edit.trim() === '') throw new UsageError('--edit needs a file: --edit src/app.ts.');
  if (args.code !== undefined) throw new UsageError('Give either --edit (change a file) or --code (code a request reads), not both.');
  if (args.intentOnly) throw new UsageError('--intent-only does not edit: leave out --edit.');
  if (args.diff && args.inPlace) throw new UsageError('Give either --diff (print a patch) or --in-place (write the file), not both.');
  if (typeof lines === 'string') args.lines = parseLineRange(lines);
}

/** "12-40" or "7" as a 1-based inclusive range; anything else is a usage error. */
export function parseLineRange(value: string): { from: number; to: number } {
  const m = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/.exec(value);
  if (!m) throw new UsageError(`--lines "${value}" is not a range: write A-B (e.g. --lines 10-24) or a single line number.`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from < 1) throw new UsageError('--lines starts at line 1.');
  if (to < from) throw new UsageError(`--lines ${value}: the end (${to}) is before the start (${from}).`);
  return { from, to };
}
