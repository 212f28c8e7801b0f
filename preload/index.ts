// The sandboxed preload: exposes exactly the contract's Api as window.voiceCodegen through contextBridge, and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_AUDIO_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type Api, type AppErrorPayload, type EventName, type EventPayload, type MethodName, type MethodParams, type MethodResult } from './contract.js';

type Outcome = { ok: true; result: unknown } | { ok: false; error: AppErrorPayload };

// One IPC listener for all events (many renderer subscriptions would otherwise trip the max-listeners warning).
const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_e: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
});

const api: Api = {
  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const outcome = (await ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, params)) as Outcome;
    if (outcome.ok) return outcome.result as MethodResult<M>;
    // contextBridge drops custom properties of Error objects, so the contract's error payload is rejected as a plain object
    // (the renderer reads code, message, retryable from it, as from the WebSocket transport's ApiCallError).
    return Promise.reject({ name: 'ApiCallError', ...outcome.error });
  },
  sendAudio(requestId: number, pcm16: ArrayBuffer): void {
    ipcRenderer.send(IPC_AUDIO_CHANNEL, requestId, pcm16);
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const wrapped = (payload: unknown): void => listener(payload as EventPayload<E>);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('voiceCodegen', api);
