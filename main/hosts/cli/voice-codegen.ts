#!/usr/bin/env node
// The voice-codegen CLI: a typed or recorded request through the same composition root as the GUI; code on stdout.
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fstatSync } from 'node:fs';
import { pickConfigEnv } from '../../config/load.js';
import { createApp } from '../../app/create-app.js';
import { createLogger } from '../../app/logger.js';
import { defaultDataDir } from '../../app/paths.js';
import { AppError, toAppError } from '../../core/errors.js';
import type { PipelineEvent, PipelineResult } from '../../../preload/contract.js';
import { parseCliArgs, UsageError, USAGE } from './args.js';
import { cliErrorMessage, roundTimes } from './cli-messages.js';
import { readBounded } from './read-bounded.js';
import { finishEdit, readEditFile, type EditFile } from './edit-file.js';

/** Intents that act on given code: for them piped stdin (or --code FILE) is that code. */
const ACTS_ON_CODE: ReadonlySet<string> = new Set(['explain', 'fix_error', 'add_types', 'generate_test', 'document', 'convert_language', 'refactor']);
/** The code a request acts on is a file, not a project: the same cap as the app's clipboard. */
const MAX_CODE_BYTES = 1024 * 1024;

/** stdin holds input only when it is a pipe or a redirected file; a terminal or an inherited socket is never waited on. */
function stdinIsInput(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false;
  }
}
import { readAudioFile } from './read-audio.js';
import { MAX_AUDIO_INPUT_BYTES } from '../../audio/audio-worker-pool.js';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Exit code 3: the code does not parse (after its one repair request); the errors go to stderr as line:column. */
function checkExit(result: PipelineResult): number | null {
  const check = result.check;
  if (!check || (check.status !== 'errors' && check.status !== 'wrong-language')) return null;
  const what = check.status === 'wrong-language' ? `is ${check.parsesAs ?? 'another language'}, not ${check.language}` : `does not parse as ${check.language}`;
  const lines = check.errors.map((e) => `${e.line}:${e.column}: ${e.message}\n`).join('');
  process.stderr.write(`voice-codegen: the code ${what}${check.repaired ? ' (also after a repair request)' : ''}: ${check.errorCount} syntax error${check.errorCount === 1 ? '' : 's'}\n${lines}`);
  return 3;
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`voice-codegen: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The file to edit is read and checked first too: a bad one (missing, binary, range outside it, over 64 KB) exits 2 untouched.
  let editFile: EditFile | undefined;
  if (args.edit !== undefined) {
    try {
      editFile = await readEditFile(args.edit, args.lines, args.lang);
    } catch (error) {
      process.stderr.write(`voice-codegen: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  // The recording is read first, before the database and workers start: a file that is too big ends the run at once.
  let audio: Uint8Array | undefined;
  if (args.audio !== undefined) {
    try {
      audio = await readAudioFile(args.audio, MAX_AUDIO_INPUT_BYTES);
    } catch (error) {
      const e = toAppError(error);
      process.stderr.write(`voice-codegen: ${e.message} [${e.code}]\n`);
      return e.code === 'INPUT_TOO_LARGE' ? 2 : 1;
    }
  }
  const env = pickConfigEnv(process.env);
  const logger = createLogger({ level: process.env.VOICE_CODEGEN_LOG_LEVEL ?? 'error' });
  const app = await createApp({
    env, logger, host: 'cli',
    dataDir: env.VOICE_CODEGEN_DATA_DIR ?? defaultDataDir(process.platform, homedir(), process.env),
    workersDir: join(distDir, 'workers'),
    prewarm: false,
  });
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new AppError('CANCELLED', 'Cancelled.'));
  process.once('SIGINT', onSignal);
  const print = (event: PipelineEvent): void => {
    if (args.json) process.stdout.write(`${JSON.stringify(event.type === 'error' ? { type: 'error', ...event.error } : roundTimes(event))}\n`);
    // A recording's transcript is the one thing the user cannot see otherwise: say what was heard.
    if (args.audio !== undefined && event.type === 'transcript.final') process.stderr.write(`Heard: "${event.text}"\n`);
  };
  try {
    let code: string | undefined;
    if (args.code !== undefined) code = await readBounded(args.code, MAX_CODE_BYTES, `--code ${args.code}`);
    let text = args.text;
    if (audio !== undefined) {
      const bytes = audio;
      if (args.intentOnly) {
        text = await app.transcribeFile(bytes, controller.signal);
        print({ type: 'transcript.final', text });
      } else {
        const result = await app.runAudioFile(bytes, { ...(args.lang ? { language: args.lang } : {}), noCache: args.noCache, noCheck: args.noCheck, ...(code !== undefined ? { clipboard: code } : {}), ...(editFile ? { edit: editFile.target } : {}) }, print, controller.signal);
        if (editFile) return await finishEdit(editFile, result, args);
        if (!args.json) process.stdout.write(`${result.code}\n`);
        return result.complete ? (checkExit(result) ?? 0) : 1;
      }
    }
    if (text === undefined) return 2;
    if (args.intentOnly) {
      const intent = app.recogniseIntent(text, args.lang);
      // --lang is the language to write in: it wins over what the request said.
      const slots = args.lang ? { ...intent.slots, language: args.lang } : intent.slots;
      const line = { type: 'intent', intent: intent.intent, slots, confidence: intent.confidence };
      process.stdout.write(args.json ? `${JSON.stringify(line)}\n` : `${intent.intent} ${JSON.stringify(slots)} confidence=${intent.confidence.toFixed(2)}\n`);
      return 0;
    }
    if (editFile) return await finishEdit(editFile, await app.runText({ text, noCache: args.noCache, edit: editFile.target }, print, controller.signal), args);
    // Piped code is read only for a request that acts on code, so "write a function" never waits on stdin.
    if (code === undefined && stdinIsInput() && ACTS_ON_CODE.has(app.recogniseIntent(text, args.lang).intent)) {
      code = await readBounded(0, MAX_CODE_BYTES, 'stdin');
    }
    const result = await app.runText({ text, ...(args.lang ? { language: args.lang } : {}), noCache: args.noCache, noCheck: args.noCheck, ...(code !== undefined ? { clipboard: code } : {}) }, print, controller.signal);
    if (!args.json) process.stdout.write(result.code.endsWith('\n') ? result.code : `${result.code}\n`);
    if (!result.complete) process.stderr.write(`voice-codegen: the answer is incomplete (${result.finishReason}); it may be cut off.\n`);
    return result.complete ? (checkExit(result) ?? 0) : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`voice-codegen: ${error.message}\n`);
      return 2;
    }
    const e = toAppError(error);
    process.stderr.write(`voice-codegen: ${cliErrorMessage(e, env.VOICE_CODEGEN_GEMINI_BASE_URL)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    await app.close();
  }
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`voice-codegen: ${toAppError(error).message}\n`);
    process.exitCode = 1;
  });
