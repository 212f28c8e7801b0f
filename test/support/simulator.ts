// Test helpers around the Gemini simulator: start one, and an endpoint pointing at it.
import { startGeminiSimulator, type GeminiSimulator, type SimulatorOptions } from '../../main/gemini-sim/index.js';
import type { GeminiEndpoint } from '../../main/gemini/types.js';
import { AppError } from '../../main/core/errors.js';
import { expect } from 'vitest';

export async function startSimulator(options: SimulatorOptions = {}): Promise<GeminiSimulator> {
  return startGeminiSimulator({ profile: 'instant', ...options });
}

export function simulatorEndpoint(sim: GeminiSimulator, overrides: Partial<GeminiEndpoint> = {}): GeminiEndpoint {
  return {
    name: 'sim',
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    models: {
      live: 'gemini-3.5-transcribe-live',
      batchTranscribe: 'gemini-3.5-transcribe',
      codegen: 'gemini-3.5-flash',
      intentAssist: 'gemini-3.5-flash-lite',
    },
    ...overrides,
  };
}

/** Fast retries for tests: the behaviour is the same, the waits are short. */
export const TEST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 5_000 };

/** The AppError a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
