#!/usr/bin/env node
// The voice-codegen CLI: a typed or recorded request through the same composition root as the GUI; code on stdout.
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { pickConfigEnv } from '../../config/load.js';
import { createApp } from '../../app/create-app.js';
import { createLogger } from '../../app/logger.js';
import { defaultDataDir } from '../../app/paths.js';
import { AppError, toAppError } from '../../core/errors.js';
import type { PipelineEvent, PipelineResult } from '../../../preload/contract.js';
import { parseCliArgs, UsageError, USAGE } from './args.js';

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
    if (args.json) process.stdout.write(`${JSON.stringify(event.type === 'error' ? { type: 'error', ...event.error } : event)}\n`);
  };
  try {
    let text = args.text;
    if (args.audio !== undefined) {
      const bytes = await readFile(args.audio).catch((error: unknown) => {
        throw new AppError('BAD_AUDIO', `Cannot read ${args.audio}: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (args.intentOnly) {
        text = await app.transcribeFile(new Uint8Array(bytes), controller.signal);
        print({ type: 'transcript.final', text });
      } else {
        const result = await app.runAudioFile(new Uint8Array(bytes), { ...(args.lang ? { language: args.lang } : {}), noCache: args.noCache, noCheck: args.noCheck }, print, controller.signal);
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
    const result = await app.runText({ text, ...(args.lang ? { language: args.lang } : {}), noCache: args.noCache, noCheck: args.noCheck }, print, controller.signal);
    if (!args.json) process.stdout.write(result.code.endsWith('\n') ? result.code : `${result.code}\n`);
    if (!result.complete) process.stderr.write(`voice-codegen: the answer is incomplete (${result.finishReason}); it may be cut off.\n`);
    return result.complete ? (checkExit(result) ?? 0) : 1;
  } catch (error) {
    const e = toAppError(error);
    process.stderr.write(`voice-codegen: ${e.message}${e.code === 'NO_API_KEY' || e.code === 'INVALID_KEY' ? '' : ` [${e.code}]`}\n`);
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
