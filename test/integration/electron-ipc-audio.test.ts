// The Electron IPC audio path on the real app: the real handler registration (ipc-registration.ts) and IPC guard on a
// fake ipcMain, driven as the overlay's preload drives it (invoke dictation.start, send audio chunks, invoke stop).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger.js';
import { MAIN_URL, OVERLAY_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { AudioIntake } from '../../main/hosts/audio-intake.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { registerIpcOn, type IpcEventLike } from '../../main/hosts/electron/logic/ipc-registration.js';
import { IPC_AUDIO_CHANNEL, methods, type PipelineEvent } from '../../preload/contract.js';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';
import { FakeIpcMain } from '../unit/electron-fakes.js';

const SPOKEN = 'write a function that reverses a string in python';
const TONE_HZ = 1100;

const frame = (url: string, id: number): IpcEventLike => ({ senderFrame: { url, parent: null }, sender: { id } });

describe('the Electron IPC audio path (real handlers, fake ipcMain)', () => {
  let h: Harness;
  let audio: Uint8Array[];
  const ipc = new FakeIpcMain();
  let guard: IpcGuard;
  let unregister: () => void;
  const events = new Map<number, PipelineEvent[]>();

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: TONE_HZ }));
    h = await startHarness({ host: 'electron', prewarm: true });
    h.sim.setScripts([{ toneHz: TONE_HZ, final: SPOKEN }]);
    // The renderer streams 100 ms chunks as they are captured: the intake's clock moves 100 ms per chunk (2x real time is the limit).
    let clock = 0;
    guard = new IpcGuard({ router: h.app.router, onAudio: (id, pcm, clientId) => h.app.onAudio(id, pcm, clientId), logger: silentLogger, audioIntake: new AudioIntake({ now: () => (clock += 100) }) });
    unregister = registerIpcOn(ipc, guard);
    h.app.events.subscribe((name, payload) => {
      if (name !== 'pipeline.event') return;
      const { requestId, event } = payload as { requestId: number; event: PipelineEvent };
      events.set(requestId, [...(events.get(requestId) ?? []), event]);
    });
  });
  afterAll(async () => {
    unregister?.();
    await h?.close();
  });

  async function resultOf(requestId: number): Promise<PipelineEvent[]> {
    for (let i = 0; i < 500; i++) {
      const list = events.get(requestId) ?? [];
      if (list.some((e) => e.type === 'result' || e.type === 'error')) return list;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no result for request ${requestId}: ${JSON.stringify(events.get(requestId))}`);
  }

  it('registers one handler per contract method and the audio channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.keys(methods).map((m) => IpcGuard.channel(m)).sort());
    expect(ipc.listeners.get(IPC_AUDIO_CHANNEL)?.size).toBe(1);
  });

  it('overlay audio sent over IPC reaches the Live session whole and comes back as the scripted transcript', async () => {
    const overlay = frame(OVERLAY_URL, 7);
    const started = (await ipc.invoke(overlay, IpcGuard.channel('dictation.start'), {})) as { ok: boolean; result: { requestId: number } };
    expect(started.ok).toBe(true);
    const { requestId } = started.result;
    const turnsBefore = h.sim.stats().live.turns.length;
    for (const chunk of audio) ipc.send(overlay, IPC_AUDIO_CHANNEL, requestId, chunk);
    // Refused on the way: a foreign frame, another window (not the request's owner), a malformed chunk.
    ipc.send(frame('https://evil.example/', 7), IPC_AUDIO_CHANNEL, requestId, audio[0]);
    ipc.send(frame(MAIN_URL, 8), IPC_AUDIO_CHANNEL, requestId, audio[0]);
    ipc.send(overlay, IPC_AUDIO_CHANNEL, requestId, new Uint8Array(3));
    const stopped = (await ipc.invoke(overlay, IpcGuard.channel('dictation.stop'), { requestId })) as { ok: boolean };
    expect(stopped.ok).toBe(true);

    const list = await resultOf(requestId);
    const result = list.find((e) => e.type === 'result');
    expect(result, JSON.stringify(list.find((e) => e.type === 'error'))).toBeDefined();
    expect(result?.type === 'result' && result.result.transcript).toBe(SPOKEN);
    const turn = h.sim.stats().live.turns.slice(turnsBefore).at(-1);
    expect(turn?.toneHz).toBe(TONE_HZ);
    // Every chunk the overlay sent, and nothing else, reached the session.
    expect(turn?.samples).toBe(audio.reduce((n, c) => n + c.byteLength / 2, 0));
    expect(guard.stats.rejectedSender).toBe(1);
    expect(guard.stats.rejectedAudio).toBe(1);
  });

  it('a call from a foreign frame is refused before it reaches the app', async () => {
    const outcome = (await ipc.invoke(frame('https://evil.example/', 9), IpcGuard.channel('dictation.start'), {})) as { ok: boolean; error: { code: string } };
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('unregistering removes every handler and the audio listener', () => {
    const other = new FakeIpcMain();
    const off = registerIpcOn(other, guard);
    off();
    expect(other.handlers.size).toBe(0);
    expect(other.listeners.get(IPC_AUDIO_CHANNEL)?.size).toBe(0);
  });
});
