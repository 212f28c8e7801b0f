// The renderer's Api over the web host's WebSocket: JSON calls and events, audio as binary frames.
import type { Api, EventName, EventPayload, MethodName, MethodParams, MethodResult, AppErrorPayload } from '../../../preload/contract';
import { encodeAudioFrame } from './audio-frame';
import { tokenProtocols } from './launch-token';

export class ApiCallError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly info: AppErrorPayload['info'];
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.name = 'ApiCallError';
    this.code = payload.code;
    this.retryable = payload.retryable;
    this.retryAfterMs = payload.retryAfterMs;
    this.info = payload.info;
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export function connectWebSocketApi(url: string, token: string | null): Promise<Api> {
  return new Promise((resolveApi, rejectApi) => {
    if (!token) {
      rejectApi(new Error('This page has no access token. Open the full address Voice CodeGen printed when it started (it ends with ?token=...).'));
      return;
    }
    const ws = new WebSocket(url, tokenProtocols(token));
    ws.binaryType = 'arraybuffer';
    const pending = new Map<number, Pending>();
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    let nextId = 1;
    const api: Api = {
      call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
        return new Promise((resolve, reject) => {
          if (ws.readyState !== WebSocket.OPEN) {
            reject(new ApiCallError({ code: 'UNAVAILABLE', message: 'Lost the connection to Voice CodeGen. Reload the page; if it keeps happening, restart the app.', retryable: true }));
            return;
          }
          const id = nextId++;
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          ws.send(JSON.stringify({ id, method, params }));
        });
      },
      sendAudio(requestId: number, pcm16: ArrayBuffer): void {
        if (ws.readyState === WebSocket.OPEN) ws.send(encodeAudioFrame(requestId, pcm16));
      },
      on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener as (payload: unknown) => void);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    };
    ws.addEventListener('open', () => resolveApi(api));
    ws.addEventListener('error', () => rejectApi(new Error('Could not connect to Voice CodeGen. Is the app still running? Start it again with npm start, and open the new address it prints (a new launch has a new token).')));
    ws.addEventListener('close', (event: CloseEvent) => {
      // 1013: the host has as many windows open as it allows, and its reason says so.
      const why = event.code === 1013 && event.reason ? event.reason : null;
      for (const p of pending.values()) p.reject(new ApiCallError({ code: 'UNAVAILABLE', message: why ?? 'The connection to Voice CodeGen closed. Reload the page.', retryable: true }));
      pending.clear();
      // Tell the views through the contract's own alert event, so a stopped app does not look like a silent one.
      const lost = { severity: 'CRITICAL', message: why ?? 'Lost the connection to Voice CodeGen. If it was stopped, start it again (npm start), then reload this page.', at: Date.now() };
      for (const l of listeners.get('alert') ?? []) l(lost);
    });
    ws.addEventListener('message', (msg: MessageEvent) => {
      if (typeof msg.data !== 'string') return;
      const data = JSON.parse(msg.data) as { kind: string; id?: number; result?: unknown; error?: AppErrorPayload; event?: string; payload?: unknown };
      if (data.kind === 'response' && typeof data.id === 'number') {
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        if (data.error) p.reject(new ApiCallError(data.error));
        else p.resolve(data.result);
      } else if (data.kind === 'event' && data.event) {
        for (const l of listeners.get(data.event) ?? []) l(data.payload);
      }
    });
  });
}
