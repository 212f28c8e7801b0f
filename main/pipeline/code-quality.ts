// The syntax check of an answer while it streams, and the one repair request when the code does not parse.
import type { CodeCheck } from '../../preload/contract.js';
import { throwIfAborted } from '../core/abort.js';
import { toAppError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { FinishReason, GenerationChunk, GenerationUsage } from '../gemini/types.js';
import { notChecked, positionsText, type SyntaxReport } from '../quality/check-report.js';
import { LANGUAGE_NAMES } from '../intent/languages.js';
import type { LanguageId } from '../config/schema.js';

export interface CodeCheckPort {
  /** Parses `code` as `language` off the main thread; `hint` is the fence tag (for the wrong-language check). */
  check(code: string, language: string, hint: string | undefined, signal: AbortSignal): Promise<SyntaxReport>;
  /** Loads a language's grammar ahead of its answer (fire and forget). */
  warm(languages: readonly string[]): void;
}

export interface QualitySettings {
  /** Check every answer (settings quality.check). */
  check: boolean;
  /** One automatic repair request when the code does not parse (settings quality.repair). */
  repair: boolean;
}

export interface ExtractedAnswer {
  code: string;
  language: string;
  complete: boolean;
  source?: 'fence' | 'unterminated-fence' | 'bare' | 'prose' | 'empty';
}

type Extract = (answer: string) => ExtractedAnswer;

/** Code worth checking: from a fence or bare code; prose (an explanation) and nothing are not code. */
function checkable(extracted: ExtractedAnswer): boolean {
  return extracted.code.trim() !== '' && extracted.source !== 'prose' && extracted.source !== 'empty';
}

const FENCE = '```';
/**
 * A check that takes longer than this is given up on ("not checked"): the answer is delivered rather than held by a
 * stuck worker. A warm check of a 200-line answer takes about 2 ms; the first answer in a language not loaded yet
 * pays its grammar's load (up to 2.4 s measured for Scala on a busy 2-core machine).
 */
export const CHECK_TIMEOUT_MS = 5_000;

/** The check, bounded in time; a failure or timeout is "not checked", never a failed request. */
function boundedCheck(port: CodeCheckPort, code: string, language: string, hint: string, signal: AbortSignal, logger: Logger): Promise<SyntaxReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SyntaxReport>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ language, timeoutMs: CHECK_TIMEOUT_MS }, 'syntax check timed out; the answer is not checked');
      resolve(notChecked(language, 'the check took too long'));
    }, CHECK_TIMEOUT_MS);
  });
  const check = port.check(code, language, hint, signal).catch((error: unknown) => {
    const e = toAppError(error);
    if (e.code !== 'CANCELLED') logger.warn({ err: e }, 'syntax check failed; the answer is not checked');
    return notChecked(language, 'the check failed');
  });
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks the code while the last chunks stream: once the answer holds a closing fence, the extracted code is
 * checked at chunk boundaries (one check in flight, the newest answer next), so when the stream ends the
 * check of the final code is usually done already and a clean answer waits only for a worker round trip at most.
 */
export class StreamingCheck {
  private fences = 0;
  private tail = '';
  private running: { code: string; hint: string; report: Promise<SyntaxReport> } | null = null;
  private next: string | null = null;
  private inFlight = false;

  constructor(
    private readonly port: CodeCheckPort,
    private readonly language: string,
    private readonly extract: Extract,
    private readonly signal: AbortSignal,
    private readonly logger: Logger,
  ) {}

  /** A chunk arrived; `answer` is everything so far. */
  push(chunk: string, answer: string): void {
    // Fence markers are counted in the chunk plus the previous chunk's last two characters (a marker split in two).
    const scan = this.tail + chunk;
    for (let i = scan.indexOf(FENCE); i >= 0; i = scan.indexOf(FENCE, i + FENCE.length)) this.fences++;
    this.tail = scan.slice(-2);
    if (this.fences < 2) return;
    if (this.inFlight) this.next = answer;
    else this.start(answer);
  }

  /** The report for the final extracted code: the check already running for it, or a new one. */
  async result(extracted: ExtractedAnswer): Promise<SyntaxReport> {
    if (!checkable(extracted)) return notChecked(this.language, 'not code');
    const running = this.running;
    if (running && running.code === extracted.code && running.hint === extracted.language) return running.report;
    this.next = null;
    return this.run(extracted.code, extracted.language);
  }

  private start(answer: string): void {
    const extracted = this.extract(answer);
    if (extracted.source !== 'fence' || !checkable(extracted)) return;
    if (this.running?.code === extracted.code && this.running.hint === extracted.language) return;
    const report = this.run(extracted.code, extracted.language);
    this.running = { code: extracted.code, hint: extracted.language, report };
    this.inFlight = true;
    void report.finally(() => {
      this.inFlight = false;
      const next = this.next;
      this.next = null;
      if (next !== null && !this.signal.aborted) this.start(next);
    });
  }

  private run(code: string, hint: string): Promise<SyntaxReport> {
    return boundedCheck(this.port, code, this.language, hint, this.signal, this.logger);
  }
}

/** Needs a repair: does not parse as asked. */
export function failsCheck(report: SyntaxReport | null | undefined): boolean {
  return report?.status === 'errors' || report?.status === 'wrong-language';
}

/** Cache tiers keep only code that parses, or that could not be checked. */
export function cacheable(check: CodeCheck | undefined): boolean {
  return !check || check.status === 'ok' || check.status === 'not-checked';
}

function display(language: string): string {
  return LANGUAGE_NAMES[language as LanguageId] ?? language;
}

/** The follow-up: the original request, the broken code, where it breaks, and "the corrected code only". */
export function repairPrompt(original: { systemInstruction: string; prompt: string }, code: string, report: SyntaxReport): { systemInstruction: string; prompt: string } {
  const name = display(report.language);
  const why = report.status === 'wrong-language'
    ? `Your previous answer is ${display(report.parsesAs ?? 'another language')}, not ${name}; as ${name} it has syntax errors at ${positionsText(report.errors)}. Write it in ${name}.`
    : `Your previous answer does not parse as ${name}: syntax errors at ${positionsText(report.errors)} (${report.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ')}).`;
  const ticks = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return {
    systemInstruction: original.systemInstruction,
    prompt: [
      original.prompt, '', why, 'Previous answer:', `${ticks}\n${code}\n${ticks}`, '',
      `Reply with the corrected ${name} code only: one \`\`\`${report.language} code block, nothing before or after it.`,
    ].join('\n'),
  };
}

export interface RepairOutcome {
  answer: string;
  finishReason: FinishReason;
  usage: GenerationUsage | undefined;
}

/** Streams the repair answer to its end (not shown as it streams: the result replaces the first answer). */
export async function collectAnswer(stream: AsyncIterable<GenerationChunk>): Promise<RepairOutcome> {
  let answer = '';
  let finishReason: FinishReason = 'UNKNOWN';
  let usage: GenerationUsage | undefined;
  for await (const chunk of stream) {
    if (chunk.type === 'text') answer += chunk.text;
    // A retry wait of the repair call: nothing to show, the request already has its result on screen.
    else if (chunk.type === 'waiting') continue;
    else {
      finishReason = chunk.finishReason;
      usage = chunk.usage;
    }
  }
  return { answer, finishReason, usage };
}

/** Tokens of both calls, counted like any other call. */
export function addUsage(a: GenerationUsage | undefined, b: GenerationUsage | undefined): GenerationUsage | undefined {
  if (!a || !b) return a ?? b;
  return { model: a.model, promptTokens: a.promptTokens + b.promptTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
}

/** The contract's view of a report. */
export function toCodeCheck(report: SyntaxReport, repaired: boolean, before?: SyntaxReport): CodeCheck {
  return {
    status: report.status, language: report.language, errors: report.errors.slice(0, 20), errorCount: report.errorCount, repaired,
    ...(report.parsesAs ? { parsesAs: report.parsesAs } : {}),
    ...(report.reason ? { reason: report.reason } : {}),
    ...(before ? { before: { status: before.status, errorCount: before.errorCount, ...(before.parsesAs ? { parsesAs: before.parsesAs } : {}) } } : {}),
  };
}

export interface ReviewInput {
  watcher: StreamingCheck;
  port: CodeCheckPort;
  /** The language asked for (checked in). */
  language: string;
  answer: string;
  extracted: ExtractedAnswer;
  finishReason: FinishReason;
  usage: GenerationUsage | undefined;
  prompt: { systemInstruction: string; prompt: string };
  extract: Extract;
  /** Repair allowed (settings quality.repair, and the first answer was complete). */
  repair: boolean;
  generate: (request: { systemInstruction: string; prompt: string; signal: AbortSignal }) => AsyncIterable<GenerationChunk>;
  /** Throws TOKEN_CAP when the day's tokens are spent: the repair is then skipped. */
  checkTokenCap: () => void;
  signal: AbortSignal;
  logger: Logger;
}

export interface Reviewed {
  answer: string;
  extracted: ExtractedAnswer;
  finishReason: FinishReason;
  usage: GenerationUsage | undefined;
  check: CodeCheck;
}

/** Checks the answer; when it does not parse and repair is allowed, asks once for the corrected code and checks that. */
export async function reviewAnswer(input: ReviewInput): Promise<Reviewed> {
  const first = await input.watcher.result(input.extracted);
  throwIfAborted(input.signal);
  const kept = { answer: input.answer, extracted: input.extracted, finishReason: input.finishReason, usage: input.usage };
  if (!failsCheck(first) || !input.repair) return { ...kept, check: toCodeCheck(first, false) };
  try {
    input.checkTokenCap();
  } catch {
    return { ...kept, check: toCodeCheck(first, false) };
  }
  const request = repairPrompt(input.prompt, input.extracted.code, first);
  const repaired = await collectAnswer(input.generate({ ...request, signal: input.signal }));
  const usage = addUsage(input.usage, repaired.usage);
  throwIfAborted(input.signal);
  const extracted = input.extract(repaired.answer);
  if (repaired.finishReason !== 'STOP' || !extracted.complete || !checkable(extracted)) {
    input.logger.warn({ finishReason: repaired.finishReason }, 'the repair answer was unusable; keeping the first answer');
    return { ...kept, usage, check: toCodeCheck(first, true, first) };
  }
  // Checked again, and never repaired twice.
  const second = await boundedCheck(input.port, extracted.code, input.language, extracted.language, input.signal, input.logger);
  throwIfAborted(input.signal);
  return { answer: repaired.answer, extracted, finishReason: repaired.finishReason, usage, check: toCodeCheck(second, true, first) };
}
