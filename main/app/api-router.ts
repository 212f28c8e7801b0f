// Validates every call against the contract's schemas and dispatches it to the app's handlers (shared by IPC and WebSocket).
import { methods, type MethodName, type MethodResult, type AppErrorPayload, isMethodName } from '../../preload/contract.js';
import { AppError, toAppError } from '../core/errors.js';
import type { z } from 'zod';

export interface CallContext {
  /** Which client (window or socket) made the call, for per-client state such as open requests. */
  clientId: string;
}

export type MethodHandlers = {
  [M in MethodName]: (params: z.infer<(typeof methods)[M]['params']>, ctx: CallContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface RouterStats {
  calls: number;
  rejected: number;
  errors: number;
}

export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: AppErrorPayload };

export class ApiRouter {
  readonly stats: RouterStats = { calls: 0, rejected: 0, errors: 0 };

  constructor(private readonly handlers: MethodHandlers, private readonly onRejected: (method: string, reason: string) => void = () => undefined) {}

  /** Never throws: a bad method or payload is answered with a VALIDATION error and counted. */
  async call(method: string, params: unknown, ctx: CallContext): Promise<CallOutcome> {
    this.stats.calls++;
    if (!isMethodName(method)) return this.reject(method, `Unknown method "${String(method).slice(0, 100)}".`);
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
      return this.reject(method, `Invalid parameters for ${method}: ${detail}.`);
    }
    try {
      const handler = this.handlers[method] as (p: unknown, c: CallContext) => Promise<unknown> | unknown;
      const result = await handler(parsed.data, ctx);
      return { ok: true, result };
    } catch (error) {
      this.stats.errors++;
      return { ok: false, error: toAppError(error).toJSON() };
    }
  }

  private reject(method: string, message: string): CallOutcome {
    this.stats.rejected++;
    this.onRejected(method, message);
    return { ok: false, error: new AppError('VALIDATION', message).toJSON() };
  }
}
