// Application errors with stable codes and messages a user can act on.

export const ERROR_CODES = [
  'NO_API_KEY',
  'INVALID_KEY',
  'QUOTA',
  'UNAVAILABLE',
  'TIMEOUT',
  'BAD_REQUEST',
  'NETWORK',
  'CANCELLED',
  'MEMORY_PRESSURE',
  'TOKEN_CAP',
  'NO_HEALTHY_INSTANCE',
  'POOL_EXHAUSTED',
  'TRUNCATED',
  'BLOCKED',
  'NO_MICROPHONE',
  'BAD_AUDIO',
  /** The audio held no speech (silence, quiet noise) or only a near-silence phantom ("Thank you."): "Didn't catch that". */
  'NO_SPEECH',
  'INPUT_TOO_LARGE',
  'CONFIG',
  'STORAGE',
  'DISK_FULL',
  'CACHE',
  'VALIDATION',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** True when the same request may succeed if tried again. */
  retryable?: boolean;
  /** Milliseconds the caller should wait before retrying (from RetryInfo, for example). */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
  /** Facts the UI shows in plain words (the host that could not be reached, the unknown model...). */
  info?: ErrorInfo;
}

/** What an error is about, for the UI's error table: every field optional, all plain values. */
export interface ErrorInfo {
  /** host[:port] of the endpoint that failed. */
  host?: string;
  /** A model name Gemini does not know. */
  model?: string;
  /** Since when (epoch ms) an instance has been failing. */
  since?: number;
  /** When (epoch ms) the next attempt is allowed. */
  retryAt?: number;
  /** The underlying error code behind a summary code (NO_HEALTHY_INSTANCE). */
  cause?: ErrorCode;
  /** The service's own words (Google's error message), at most 300 characters. */
  google?: string;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'QUOTA',
  'UNAVAILABLE',
  'TIMEOUT',
  'NETWORK',
  'NO_HEALTHY_INSTANCE',
  'POOL_EXHAUSTED',
  'MEMORY_PRESSURE',
]);

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly info: ErrorInfo | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
    this.info = options.info;
  }

  toJSON(): { code: ErrorCode; message: string; retryable: boolean; retryAfterMs?: number; info?: ErrorInfo } {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.info === undefined ? {} : { info: { ...this.info } }),
    };
  }
}

/** The same error with more facts for the UI (and, when given, a clearer message). */
export function withInfo(error: AppError, info: ErrorInfo, message: string = error.message): AppError {
  return new AppError(error.code, message, {
    cause: error.cause ?? error,
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.details === undefined ? {} : { details: error.details }),
    info: { ...error.info, ...info },
  });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(value: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (value instanceof AppError) return value;
  if (isAbortError(value)) return new AppError('CANCELLED', 'The request was cancelled.', { cause: value });
  const message = value instanceof Error ? value.message : String(value);
  return new AppError(fallback, message, { cause: value });
}

export function isAbortError(value: unknown): boolean {
  return (
    value instanceof Error &&
    (value.name === 'AbortError' || (value instanceof AppError && value.code === 'CANCELLED'))
  );
}
