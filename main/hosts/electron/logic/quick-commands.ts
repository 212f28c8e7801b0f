// Tray quick commands: run an intent on the selected code (else the clipboard's) through the same pipeline, then copy the result.
import type { QuickCommand } from '../../../../preload/contract.js';
import type { App } from '../../../app/app-types.js';
import type { Logger } from '../../../core/logger.js';
import type { SelectionCapture } from '../insert/selection-capture.js';
import type { ClipboardService } from '../services/clipboard-service.js';
import type { NotificationService } from '../services/notification-service.js';
import type { WindowService } from '../services/window-service.js';
import type { ResultDelivery } from './result-delivery.js';

export const QUICK_COMMAND_LABELS: Record<QuickCommand, string> = {
  explain: 'Explain the selected code (else the clipboard)',
  add_types: 'Add types to it',
  generate_test: 'Write tests for it',
  fix_error: 'Fix the error in it',
  convert_language: 'Convert it to…',
  document: 'Document it',
};

export const CONVERT_TARGETS = ['typescript', 'javascript', 'python', 'go', 'rust', 'java', 'csharp'] as const;

export interface QuickCommandRunnerOptions {
  app: Pick<App, 'runQuick'>;
  clipboard: ClipboardService;
  delivery: ResultDelivery;
  windows: WindowService;
  notifications: NotificationService;
  logger: Logger;
  /** Reads the focused app's selection; absent: commands act on the clipboard only. */
  selection?: Pick<SelectionCapture, 'capture'>;
}

export class QuickCommandRunner {
  private running: AbortController | undefined;

  constructor(private readonly options: QuickCommandRunnerOptions) {}

  /** Resolves when the command's result is copied or its failure reported; never rejects. */
  async run(command: QuickCommand, targetLanguage?: string): Promise<void> {
    const { app, clipboard, delivery, windows, notifications } = this.options;
    // The selection in the app focused now wins; without one the command works on the clipboard as before.
    const found = await this.options.selection?.capture();
    if (found?.kind === 'error') {
      notifications.show({ title: 'Selection too large', body: found.error.message });
      return;
    }
    const selection = found?.kind === 'selected' && found.text.trim().length > 0 ? found.text : undefined;
    if (selection === undefined) {
      const text = await clipboard.readText().catch(() => '');
      if (text.trim().length === 0) {
        notifications.show({ title: 'Nothing to work on', body: `Copy the code first (or select it in your editor), then choose "${QUICK_COMMAND_LABELS[command]}" again.` });
        return;
      }
    }
    // A new command replaces one still running.
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    windows.showOverlay();
    try {
      // The app reads the clipboard itself (platform.clipboard), as it does for a spoken "explain this".
      const result = await app.runQuick(command, () => undefined, { signal: controller.signal, ...(targetLanguage ? { targetLanguage } : {}), ...(selection !== undefined ? { selection } : {}) });
      if (controller.signal.aborted) return;
      await delivery.deliver(undefined, result);
    } catch (error) {
      if (!controller.signal.aborted) delivery.fail(undefined, error);
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  cancel(): void {
    this.running?.abort();
    this.running = undefined;
  }
}
