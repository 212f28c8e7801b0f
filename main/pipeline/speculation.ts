// A speculative generation started on a stable partial transcript: its chunks are buffered (never shown) until the
// final transcript confirms the same request, then replayed and continued; otherwise it is aborted and counted as waste.
import type { FinishReason, GenerationChunk, GenerationUsage } from '../gemini/types.js';
import { AppError } from '../core/errors.js';

export interface SpeculationStats {
  started: number;
  kept: number;
  wasted: number;
  /** Tokens spent on discarded speculative streams, prompt and output (usage when known, else estimated from text). */
  wastedTokens: number;
  wastedPromptTokens: number;
  wastedOutputTokens: number;
}

export function emptySpeculationStats(): SpeculationStats {
  return { started: 0, kept: 0, wasted: 0, wastedTokens: 0, wastedPromptTokens: 0, wastedOutputTokens: 0 };
}

export class SpeculativeGeneration {
  private readonly chunks: GenerationChunk[] = [];
  private done = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;
  private adopted = false;
  private readonly controller = new AbortController();
  readonly startedAt: number;

  constructor(
    /** What decides the answer (normalised text, intent, language, context): equal signatures mean the same request. */
    readonly signature: string,
    readonly partial: string,
    start: (signal: AbortSignal) => AsyncIterable<GenerationChunk>,
    now: number,
    /** Characters of system instruction + prompt sent: the prompt's tokens are billed once the request is sent. */
    private readonly promptChars = 0,
  ) {
    this.startedAt = now;
    void this.consume(start(this.controller.signal));
  }

  private async consume(stream: AsyncIterable<GenerationChunk>): Promise<void> {
    try {
      for await (const chunk of stream) {
        this.chunks.push(chunk);
        this.notify();
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.done = true;
      this.notify();
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Text generated so far. */
  text(): string {
    return this.chunks.map((c) => (c.type === 'text' ? c.text : '')).join('');
  }

  usage(): GenerationUsage | undefined {
    for (const c of this.chunks) if (c.type === 'done') return c.usage;
    return undefined;
  }

  finishReason(): FinishReason | undefined {
    for (const c of this.chunks) if (c.type === 'done') return c.finishReason;
    return undefined;
  }

  /**
   * What this stream cost so far: the server's counts when it finished; else about 4 characters a token (Gemini's
   * rule of thumb, and the simulator's count), for the prompt as sent and the text received.
   */
  tokensSpent(): { prompt: number; output: number } {
    const usage = this.usage();
    if (usage) return { prompt: usage.promptTokens, output: usage.outputTokens + (usage.thoughtsTokens ?? 0) };
    return { prompt: Math.ceil(this.promptChars / 4), output: Math.ceil(this.text().length / 4) };
  }

  /** Aborts the stream (the final transcript asked for something else, or the dictation was cancelled). */
  cancel(): void {
    if (this.adopted) return;
    this.controller.abort(new AppError('CANCELLED', 'Speculative generation replaced by the final transcript.'));
  }

  /** The final transcript confirmed it: replays what was buffered, then continues the live stream. */
  async *adopt(signal: AbortSignal): AsyncGenerator<GenerationChunk> {
    this.adopted = true;
    const onAbort = (): void => this.controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let i = 0;
      for (;;) {
        while (i < this.chunks.length) yield this.chunks[i++] as GenerationChunk;
        if (this.done) break;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
      if (this.failure !== null) throw this.failure;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
