// The CLI's --edit FILE: reads and checks the file, picks lines A to B as the selection, splices the replacement, prints, diffs or writes it atomically.
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { EDIT_SELECTION_MAX_BYTES, type EditTarget, type PipelineResult } from '../../../preload/contract.js';
import { AppError } from '../../core/errors.js';
import { canonicalLanguage } from '../../intent/languages.js';
import { utf8Bytes } from '../../pipeline/edit-fit.js';
import { UsageError } from './args.js';

/** A whole file is read to splice the replacement back; past this it is not a source file. */
export const MAX_EDIT_FILE_BYTES = 16 * 1024 * 1024;
/** git's rule for "binary": a NUL byte in the first 8,000 bytes. */
const BINARY_SNIFF_BYTES = 8000;

export interface EditFile {
  /** The path as given (messages, diff headers) and the real file behind it (symlinks resolved: --in-place writes there). */
  path: string;
  realPath: string;
  bytes: Buffer;
  text: string;
  /** Everything before and after the selected lines, byte for byte. */
  prefix: string;
  suffix: string;
  target: EditTarget;
  /** The selected line range, 1-based and inclusive. */
  from: number;
  to: number;
  mode: number;
}

/** Offsets where each line starts; a final line break does not start another line (as editors and sed count). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts[starts.length - 1] === text.length) starts.pop();
  return text.length === 0 ? [] : starts;
}

/** Reads FILE and takes lines A to B (all of it without --lines) as the selection; every bad input is a UsageError (exit 2). */
export async function readEditFile(path: string, range: { from: number; to: number } | undefined, language: string | undefined): Promise<EditFile> {
  let realPath: string;
  let info;
  try {
    realPath = await realpath(path);
    info = await stat(realPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--edit ${path}: no such file.` : `--edit ${path}: cannot read it (${code ?? String(error)}).`);
  }
  if (!info.isFile()) throw new UsageError(`--edit ${path}: not a regular file.`);
  if (info.size > MAX_EDIT_FILE_BYTES) throw new UsageError(`--edit ${path}: the file is ${info.size.toLocaleString('en')} bytes; files over 16 MB are not edited. Edit a smaller file.`);
  let bytes: Buffer;
  try {
    bytes = await readFile(realPath);
  } catch (error) {
    throw new UsageError(`--edit ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) throw new UsageError(`--edit ${path}: this looks like a binary file (it has NUL bytes), not code.`);
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so it is written back as it was.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(`--edit ${path}: the file is not UTF-8 text (a binary file, or another encoding). Convert it to UTF-8 first.`);
  }
  const starts = lineStarts(text);
  if (starts.length === 0) throw new UsageError(`--edit ${path}: the file is empty; there is nothing to edit. Use --text alone to write new code.`);
  const from = range?.from ?? 1;
  const to = range?.to ?? starts.length;
  if (to > starts.length) throw new UsageError(`--lines ${from}-${to} is outside ${path}, which has ${starts.length} line${starts.length === 1 ? '' : 's'}.`);
  const start = starts[from - 1] as number;
  const end = to < starts.length ? (starts[to] as number) : text.length;
  const selection = text.slice(start, end);
  const size = utf8Bytes(selection);
  if (size > EDIT_SELECTION_MAX_BYTES) {
    throw new UsageError(`--edit ${path}: lines ${from}-${to} are ${size.toLocaleString('en')} bytes; an edit changes at most ${EDIT_SELECTION_MAX_BYTES.toLocaleString('en')} bytes (64 KB). Pick a smaller range with --lines A-B.`);
  }
  const lang = language ?? canonicalLanguage(extname(path).slice(1));
  return {
    path, realPath, bytes, text, prefix: text.slice(0, start), suffix: text.slice(end), from, to, mode: info.mode & 0o7777,
    target: { selection, app: basename(path), ...(lang ? { language: lang } : {}) },
  };
}

/** The whole file with only the selected lines replaced: every other byte is the file's own. */
export function editedText(file: EditFile, after: string): string {
  return `${file.prefix}${after}${file.suffix}`;
}

/** A unified diff (a/PATH, b/PATH headers): `patch -p1` or `git apply` applies it from the directory PATH is relative to. */
export function unifiedDiff(file: EditFile, edited: string): string {
  const name = file.path.replace(/^\.\//, '');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, file.text, edited, undefined, undefined, { context: 3 });
}

/**
 * Writes the edited file atomically: a temp file in the same directory (same file system), the original's mode, fsync,
 * then rename over the real file (a symlink keeps pointing at it). The file is not written when it changed on disk
 * since it was read (an editor saved it meanwhile): the user's newer bytes win.
 */
export async function writeInPlace(file: EditFile, edited: string): Promise<void> {
  const current = await readFile(file.realPath).catch(() => null);
  if (current === null || !current.equals(file.bytes)) throw new AppError('VALIDATION', `${file.path} changed on disk while the edit ran; it was not written. Run the edit again.`);
  const temp = join(dirname(file.realPath), `.${basename(file.realPath)}.voice-codegen-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(edited, 'utf8');
    await handle.sync();
    await handle.close();
    await chmod(temp, file.mode);
    await rename(temp, file.realPath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** After the request: the edited file to stdout, a diff, or the file written in place. Exit 0, or 1 when the answer had no code. */
export async function finishEdit(file: EditFile, result: PipelineResult, options: { diff: boolean; inPlace: boolean; json: boolean }): Promise<number> {
  if (!result.complete || !result.edit) {
    process.stderr.write(`voice-codegen: the answer had no complete code for lines ${file.from}-${file.to}; ${file.path} was not changed.\n`);
    return 1;
  }
  const edited = editedText(file, result.edit.after);
  if (options.inPlace) {
    await writeInPlace(file, edited);
    process.stderr.write(`voice-codegen: edited lines ${file.from}-${file.to} of ${file.path}.\n`);
  } else if (options.diff) process.stdout.write(unifiedDiff(file, edited));
  else if (!options.json) process.stdout.write(edited);
  return 0;
}
