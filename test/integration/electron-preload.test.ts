// The built preload (dist/preload/index.cjs) run as Electron runs a sandboxed preload: a require that offers only 'electron',
// here a hand-written contextBridge and ipcRenderer. It must expose exactly the contract's Api and map it onto our channels.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_AUDIO_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type Api } from '../../preload/contract.js';

const root = process.cwd();

interface Loaded {
  exposed: Map<string, unknown>;
  invoked: { channel: string; args: unknown[] }[];
  sent: { channel: string; args: unknown[] }[];
  emit(name: string, payload: unknown): void;
  required: string[];
  answer: (channel: string, args: unknown[]) => unknown;
}

function loadPreload(): Loaded {
  const exposed = new Map<string, unknown>();
  const listeners: ((event: unknown, ...args: unknown[]) => void)[] = [];
  const loaded: Loaded = {
    exposed,
    invoked: [],
    sent: [],
    required: [],
    answer: () => ({ ok: true, result: null }),
    emit: (name, payload) => listeners.forEach((l) => l({}, name, payload)),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        loaded.invoked.push({ channel, args });
        return Promise.resolve(loaded.answer(channel, args));
      },
      send: (channel: string, ...args: unknown[]) => loaded.sent.push({ channel, args }),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        if (channel === IPC_EVENT_CHANNEL) listeners.push(listener);
      },
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (name: string): unknown => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  runInNewContext(readFileSync(join(root, 'dist/preload/index.cjs'), 'utf8'), { require: sandboxRequire, module, exports: module.exports, console, Promise, Map, Set }, { filename: 'index.cjs' });
  return loaded;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
}, 180_000);

describe('the preload', () => {
  it('exposes one object, window.voiceCodegen, with exactly call, sendAudio and on', () => {
    const { exposed, required } = loadPreload();
    expect([...exposed.keys()]).toEqual(['voiceCodegen']);
    expect(Object.keys(exposed.get('voiceCodegen') as object).sort()).toEqual(['call', 'on', 'sendAudio']);
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('call invokes the method channel and resolves the result', async () => {
    const loaded = loadPreload();
    loaded.answer = () => ({ ok: true, result: { requestId: 5 } });
    const api = loaded.exposed.get('voiceCodegen') as Api;
    await expect(api.call('request.text', { text: 'write a function' })).resolves.toEqual({ requestId: 5 });
    expect(loaded.invoked).toEqual([{ channel: `${IPC_INVOKE_PREFIX}request.text`, args: [{ text: 'write a function' }] }]);
  });

  it('a refused call rejects with the contract error (code, message, retryable), which survives contextBridge', async () => {
    const loaded = loadPreload();
    loaded.answer = () => ({ ok: false, error: { code: 'VALIDATION', message: 'Invalid parameters for request.text: text: expected string.', retryable: false } });
    const api = loaded.exposed.get('voiceCodegen') as Api;
    const error: unknown = await api.call('request.text', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toEqual({ name: 'ApiCallError', code: 'VALIDATION', message: 'Invalid parameters for request.text: text: expected string.', retryable: false });
  });

  it('sendAudio sends the request id and the bytes on the audio channel', () => {
    const loaded = loadPreload();
    const api = loaded.exposed.get('voiceCodegen') as Api;
    const pcm = new ArrayBuffer(3200);
    api.sendAudio(9, pcm);
    expect(loaded.sent).toEqual([{ channel: IPC_AUDIO_CHANNEL, args: [9, pcm] }]);
  });

  it('on delivers only the named event, until unsubscribed', () => {
    const loaded = loadPreload();
    const api = loaded.exposed.get('voiceCodegen') as Api;
    const got: unknown[] = [];
    const off = api.on('hotkey.state', (p) => got.push(p));
    loaded.emit('hotkey.state', { state: 'down' });
    loaded.emit('alert', { severity: 'WARNING', message: 'x', at: 1 });
    off();
    loaded.emit('hotkey.state', { state: 'up' });
    expect(got).toEqual([{ state: 'down' }]);
  });
});
