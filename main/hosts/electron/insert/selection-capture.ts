// The text selected in the focused app at hotkey down (edit by voice): one small interface per platform, bounded and never blocking dictation.
import { EDIT_SELECTION_MAX_BYTES } from '../../../../preload/contract.js';
import { AppError, toAppError } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';

/** Where a selection came from: the X11/Wayland PRIMARY selection, the Accessibility/UI Automation API, or a copy keystroke. */
export type SelectionSource = 'primary' | 'wayland-primary' | 'accessibility' | 'ui-automation' | 'copy-keys';

export interface SelectedText {
  text: string;
  source: SelectionSource;
}

/** One platform's way to read the focused app's selection. */
export interface SelectionReader {
  readonly platform: 'x11' | 'wayland' | 'macos' | 'windows' | 'unsupported';
  /**
   * The focused app's selected text, or undefined when nothing is selected there (or it cannot be known: a stale
   * PRIMARY owned by another window counts as nothing). Throws AppError INPUT_TOO_LARGE past EDIT_SELECTION_MAX_BYTES.
   */
  read(signal?: AbortSignal): Promise<SelectedText | undefined>;
}

/** What the capture at hotkey down found; never a rejection, so it can run beside the audio unawaited. */
export type SelectionOutcome =
  | { kind: 'selected'; text: string; source: SelectionSource }
  | { kind: 'none'; why: string }
  | { kind: 'error'; error: AppError };

/** Wider than a selection read takes on a loaded machine (python3 + xclip: ~0.5 s at load 18 on 2 cores), short enough that a hung tool does not hold the request back for long. */
export const SELECTION_CAPTURE_TIMEOUT_MS = 3_000;

/** The UTF-8 size of a selection, checked before it is used; a clear error past the limit. */
export function checkSelectionSize(bytes: number): void {
  if (bytes <= EDIT_SELECTION_MAX_BYTES) return;
  const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
  throw new AppError('INPUT_TOO_LARGE', `The selection is ${kb(bytes)}; edit by voice takes at most ${kb(EDIT_SELECTION_MAX_BYTES)}. Select a smaller part (a function or a block) and try again.`, {
    retryable: false,
    details: { bytes, limit: EDIT_SELECTION_MAX_BYTES },
  });
}

/** Decodes a tool's stdout bytes as a selection, after the size check (so a 10 MB selection is never turned into a string). */
export function selectionFromBytes(bytes: Buffer): string {
  checkSelectionSize(bytes.length);
  return bytes.toString('utf8');
}

/** A reader for platforms without a way to read the selection: nothing is ever selected. */
export class NoSelectionReader implements SelectionReader {
  readonly platform = 'unsupported' as const;
  read(): Promise<SelectedText | undefined> {
    return Promise.resolve(undefined);
  }
}

export interface SelectionCaptureOptions {
  reader: SelectionReader;
  logger: Logger;
  timeoutMs?: number;
}

/** Runs the platform reader with a deadline and turns every failure into an outcome the dictation can act on. */
export class SelectionCapture {
  constructor(private readonly options: SelectionCaptureOptions) {}

  get platform(): SelectionReader['platform'] {
    return this.options.reader.platform;
  }

  async capture(signal?: AbortSignal): Promise<SelectionOutcome> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? SELECTION_CAPTURE_TIMEOUT_MS);
    try {
      const selected = await this.options.reader.read(controller.signal);
      if (selected === undefined || selected.text.length === 0) return { kind: 'none', why: 'Nothing is selected in the focused app.' };
      // Readers check the size of raw bytes; this also covers one that returns a string.
      checkSelectionSize(Buffer.byteLength(selected.text, 'utf8'));
      return { kind: 'selected', text: selected.text, source: selected.source };
    } catch (error) {
      const e = toAppError(error);
      if (e.code === 'INPUT_TOO_LARGE') return { kind: 'error', error: e };
      // A missing tool or a hung one means "no selection known": dictation goes on as new code, and the log says why.
      this.options.logger.warn({ platform: this.platform, code: e.code, error: e.message }, 'could not read the selection');
      return { kind: 'none', why: controller.signal.aborted && !signal?.aborted ? 'The selection could not be read in time.' : `The selection could not be read: ${e.message}` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
