// Microphone failures become NO_MICROPHONE errors that name the problem and say what to do.
import { describe, expect, it } from 'vitest';
import { CaptureError, captureError, microphoneError } from '../../renderer/src/capture/microphone-errors.js';

describe('microphoneError', () => {
  it('tells a user who denied access where to allow it', () => {
    const error = microphoneError(new DOMException('Permission denied', 'NotAllowedError'));
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({ code: 'NO_MICROPHONE', reason: 'denied' });
    expect(error.message).toMatch(/Allow microphone access/);
    expect(error.message).toMatch(/Privacy/);
  });

  it('tells a user without a microphone to connect one or pick another', () => {
    for (const name of ['NotFoundError', 'OverconstrainedError']) {
      const error = microphoneError(new DOMException('none', name));
      expect(error.reason).toBe('no-device');
      expect(error.message).toMatch(/Connect a microphone/);
    }
  });

  it('says another app may hold a busy microphone', () => {
    expect(microphoneError(new DOMException('busy', 'NotReadableError'))).toMatchObject({ reason: 'busy' });
  });

  it('explains a device unplugged mid-recording', () => {
    const error = captureError('device-lost');
    expect(error.code).toBe('NO_MICROPHONE');
    expect(error.message).toMatch(/disconnected/);
    expect(error.message).toMatch(/Reconnect/);
  });

  it('keeps the original failure as the cause and maps anything unknown to a generic retry', () => {
    const original = new Error('weird');
    const error = microphoneError(original);
    expect(error.reason).toBe('failed');
    expect(error.cause).toBe(original);
  });

  it('reports a cancelled start as CANCELLED, not as a microphone problem', () => {
    expect(captureError('cancelled')).toMatchObject({ code: 'CANCELLED', reason: 'cancelled' });
  });
});
