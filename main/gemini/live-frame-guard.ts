// Shields the SDK's Live message handler from frames that are not JSON, and gives us a handle on the socket.
import type { GoogleGenAI } from '@google/genai';
import { AppError } from '../core/errors.js';

/** The SDK's (unexported) WebSocket transport shapes, as @google/genai 2.3x declares them. */
interface SdkSocket {
  connect(): void;
  send(message: string): void;
  close(): void;
}
interface SdkSocketCallbacks {
  onopen: () => void;
  onerror: (e: unknown) => void;
  onmessage: (e: unknown) => void;
  onclose: (e: unknown) => void;
}
interface SdkSocketFactory {
  create(url: string, headers: Record<string, string>, callbacks: SdkSocketCallbacks): SdkSocket;
}

/** What our onerror callback receives when a frame was not JSON. */
export interface MalformedFrameEvent {
  type: 'malformed-frame';
  error: AppError;
}

export function isMalformedFrameEvent(value: unknown): value is MalformedFrameEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'malformed-frame';
}

function frameText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  // A Blob is parsed asynchronously by the SDK; we cannot pre-check it (the Node transport never yields one).
  return undefined;
}

const guards = new WeakMap<GoogleGenAI, LiveFrameGuard>();

export class LiveFrameGuard {
  /** One guard per client, so transcribers sharing a client do not wrap its factory twice. */
  static for(ai: GoogleGenAI): LiveFrameGuard {
    let guard = guards.get(ai);
    if (!guard) {
      guard = new LiveFrameGuard(ai);
      guards.set(ai, guard);
    }
    return guard;
  }

  malformedFrames = 0;
  private readonly sockets = new WeakMap<object, SdkSocket>();
  readonly installed: boolean;

  /**
   * The SDK parses each Live frame inside `void handleWebSocketMessage(...)`: a frame that is not
   * JSON becomes an unhandled rejection that would take the process down. The SDK offers no hook,
   * so we wrap its (private) WebSocket factory: a bad frame is counted, reported to the session's
   * onerror and the socket closed, and the SDK never sees it. If a future SDK renames the field,
   * installed is false and we log it rather than break.
   */
  private constructor(ai: GoogleGenAI) {
    const live = ai.live as unknown as { webSocketFactory?: SdkSocketFactory };
    const original = live.webSocketFactory;
    if (!original || typeof original.create !== 'function') {
      this.installed = false;
      return;
    }
    this.installed = true;
    live.webSocketFactory = {
      create: (url, headers, callbacks) => {
        const guarded: SdkSocketCallbacks = {
          ...callbacks,
          onmessage: (event: unknown) => {
            const text = frameText((event as { data?: unknown } | null)?.data);
            if (text !== undefined) {
              try {
                JSON.parse(text);
              } catch (cause) {
                this.malformedFrames += 1;
                const error = new AppError('UNAVAILABLE', 'Gemini Live sent a malformed message; the session was closed and will be replaced.', { cause, details: { frame: text.slice(0, 80) } });
                callbacks.onerror({ type: 'malformed-frame', error } satisfies MalformedFrameEvent);
                // The SDK connects the socket only after create() returned, so `socket` is set by now.
                socket.close();
                return;
              }
            }
            callbacks.onmessage(event);
          },
        };
        const socket = original.create(url, headers, guarded);
        // Keyed by our onclose callback (the SDK passes it through unchanged) so a connect that
        // timed out before the SDK handed us a Session can still close its socket.
        this.sockets.set(callbacks.onclose, socket);
        return socket;
      },
    };
  }

  /** Closes the socket opened for the connect whose onclose callback this is, if it exists. */
  closeSocketOf(onclose: object): void {
    try {
      this.sockets.get(onclose)?.close();
    } catch {
      // Not connected yet: nothing to close.
    }
  }
}
