// Follows the pipeline events the overlay shows and resizes it to what it shows (overlay-size.ts), on the screen under the cursor.
import type { EventName, PipelineEvent } from '../../../../preload/contract.js';
import type { WindowService } from '../services/window-service.js';
import { nextOverlayState, overlaySize, type OverlayState, type Size } from './overlay-size.js';

export interface OverlaySizerOptions {
  windows: Pick<WindowService, 'resizeOverlay'>;
  /** The work area of the display under the cursor. */
  workArea(): Size;
}

export class OverlaySizer {
  private state: OverlayState = { kind: 'idle' };
  private streamed = '';
  private requestId: number | null = null;
  /** The selection's line count when the request is an edit (its 'edit' event). */
  private editLines: number | undefined;
  private size: Size | null = null;

  constructor(private readonly options: OverlaySizerOptions) {}

  /** Feed every app event; only pipeline events change the overlay. */
  onEvent(event: EventName, payload: unknown): void {
    if (event !== 'pipeline.event') return;
    const { requestId, event: pipelineEvent } = payload as { requestId: number; event: PipelineEvent };
    if (requestId !== this.requestId) {
      this.requestId = requestId;
      this.streamed = '';
      this.editLines = undefined;
    }
    if (pipelineEvent.type === 'edit') this.editLines = pipelineEvent.lines;
    if (pipelineEvent.type === 'code.chunk') this.streamed += pipelineEvent.text;
    this.state = nextOverlayState(this.state, pipelineEvent, this.streamed, this.editLines);
    const size = overlaySize(this.state, this.options.workArea());
    if (this.size !== null && size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    this.options.windows.resizeOverlay(size);
  }

  /** What the overlay shows now (for showOverlay before any event of a new request). */
  current(): Size {
    return this.size ?? overlaySize({ kind: 'idle' }, this.options.workArea());
  }
}
