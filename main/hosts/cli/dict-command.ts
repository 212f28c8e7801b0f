// `voice-codegen dict add|list|remove|import|export`: the personal dictionary from the command line, on the app's data folder.
import { parseArgs } from 'node:util';
import { toAppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { openPersonal } from '../../app/personal-open.js';
import { MAX_IMPORT_BYTES } from '../../personal/dictionary-text.js';
import { readCapped } from './read-bounded.js';
import { UsageError } from './args.js';
import { AppError } from '../../core/errors.js';

export const DICT_USAGE = `Usage: voice-codegen dict COMMAND

  dict add TERM [--sounds-like PHRASE]   add a term, optionally with what you say for it
                                         (voice-codegen dict add kubectl --sounds-like "cube control")
  dict list                              the terms, one per line (term, then what it sounds like)
  dict remove TERM                       remove a term and its spoken forms
  dict import FILE                       add terms from a file: one term per line, or CSV "term,spoken form"
                                         (at most 2 MB and 20,000 entries; a bad line refuses the import and is named)
  dict export                            print the dictionary as CSV (import reads it back)

The dictionary lives with the app's data (VOICE_CODEGEN_DATA_DIR); a running app sees a change at its next request.
Spoken forms are replaced in what you say before the request is understood: "cube control get pods" -> "kubectl get pods".`;

/** Runs a dict command; returns the exit code (0 done, 1 failed, 2 usage). */
export async function runDict(argv: readonly string[], dataDir: string, logger: Logger): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'sounds-like': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: true });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help === true || command === undefined) {
    process.stdout.write(`${DICT_USAGE}\n`);
    return command === undefined && parsed.values.help !== true ? 2 : 0;
  }
  const soundsLike = parsed.values['sounds-like'];
  const one = (what: string): string => {
    if (rest.length !== 1) throw new UsageError(`dict ${command} takes one ${what}${rest.length > 1 ? ' (put a term with spaces in quotes)' : ''}.`);
    return rest[0] as string;
  };
  let open;
  try {
    if (!['add', 'list', 'remove', 'import', 'export'].includes(command)) throw new UsageError(`Unknown dict command "${command}": use add, list, remove, import or export.`);
    if (soundsLike !== undefined && command !== 'add') throw new UsageError('--sounds-like goes with dict add.');
    if ((command === 'list' || command === 'export') && rest.length > 0) throw new UsageError(`dict ${command} takes no arguments.`);
    const argument = command === 'add' || command === 'remove' ? one('term') : command === 'import' ? one('file') : undefined;
    // The file is read before the database opens: a file that is too big ends the run at once.
    const imported = command === 'import' ? await readImportFile(argument as string) : undefined;
    open = openPersonal(dataDir, logger);
    const { personal } = open;
    switch (command) {
      case 'add':
        await personal.add({ term: argument as string, ...(soundsLike !== undefined ? { spoken: soundsLike } : {}) });
        process.stderr.write(`Added ${argument}${soundsLike ? ` (sounds like "${soundsLike.trim()}")` : ''}.\n`);
        return 0;
      case 'remove': {
        const removed = await personal.remove(argument as string);
        if (removed === 0) {
          process.stderr.write(`voice-codegen: "${argument}" is not in the dictionary (terms are matched exactly; see dict list).\n`);
          return 1;
        }
        process.stderr.write(`Removed ${argument}.\n`);
        return 0;
      }
      case 'import': {
        const { read, added } = await personal.import(imported as string);
        process.stderr.write(`Imported ${read.toLocaleString('en')} entr${read === 1 ? 'y' : 'ies'} (${added.toLocaleString('en')} new).\n`);
        return 0;
      }
      case 'list':
        for (const row of personal.list()) process.stdout.write(row.spoken ? `${row.term}\t${row.spoken}\n` : `${row.term}\n`);
        return 0;
      default:
        process.stdout.write(personal.export());
        return 0;
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    const e = toAppError(error);
    process.stderr.write(`voice-codegen: ${e.message} [${e.code}]\n`);
    return e.code === 'VALIDATION' || e.code === 'INPUT_TOO_LARGE' ? 2 : 1;
  } finally {
    await open?.close();
  }
}

function usage(message: string): number {
  process.stderr.write(`voice-codegen: ${message}\n\n${DICT_USAGE}\n`);
  return 2;
}

async function readImportFile(file: string): Promise<string> {
  const bytes = await readCapped(file, MAX_IMPORT_BYTES, {
    tooLarge: () => new AppError('INPUT_TOO_LARGE', `${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it and import the parts one by one.`),
    unreadable: (error) => new AppError('VALIDATION', `${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`, { cause: error }),
  });
  if (bytes.subarray(0, 8000).includes(0)) throw new AppError('VALIDATION', `${file} is not a text file.`);
  return bytes.toString('utf8');
}
