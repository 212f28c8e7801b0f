// Turns getUserMedia and device failures into errors that say what happened and what the user can do about it.

export type CaptureErrorReason = 'denied' | 'no-device' | 'busy' | 'device-lost' | 'unsupported' | 'failed' | 'cancelled';

/** Shaped like the app's AppError ({ code, message }) so the UI shows every error the same way. */
export class CaptureError extends Error {
  readonly code: 'NO_MICROPHONE' | 'CANCELLED';
  constructor(readonly reason: CaptureErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaptureError';
    this.code = reason === 'cancelled' ? 'CANCELLED' : 'NO_MICROPHONE';
  }
}

const MESSAGES: Record<CaptureErrorReason, string> = {
  denied:
    'Voice CodeGen is not allowed to use the microphone. Allow microphone access for Voice CodeGen (macOS: System Settings > Privacy & Security > Microphone; Windows: Settings > Privacy > Microphone), then try again. You can type your request meanwhile.',
  'no-device': 'No microphone was found. Connect a microphone or headset, or choose another input in Settings, then try again.',
  busy: 'The microphone could not be started; another application may be using it. Close apps that use the microphone, or choose another input in Settings, then try again.',
  'device-lost': 'The microphone was disconnected while recording. Reconnect it or choose another input in Settings, then hold the hotkey again.',
  unsupported: 'This window cannot record audio (no microphone access outside a secure page). Restart Voice CodeGen; if it keeps happening, type your request instead.',
  failed: 'The microphone could not be started. Try again, or choose another input in Settings.',
  cancelled: 'Recording was cancelled.',
};

export function captureError(reason: CaptureErrorReason, cause?: unknown): CaptureError {
  return new CaptureError(reason, MESSAGES[reason], cause === undefined ? undefined : { cause });
}

/** Maps what getUserMedia or AudioContext threw (a DOMException, by name) to a CaptureError. */
export function microphoneError(error: unknown): CaptureError {
  if (error instanceof CaptureError) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // older Chromium name
    case 'SecurityError':
      return captureError('denied', error);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError': // the chosen deviceId is gone
      return captureError('no-device', error);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return captureError('busy', error);
    case 'TypeError':
      return captureError('unsupported', error);
    default:
      return captureError('failed', error);
  }
}
