// Issue 18: the Electron IPC transport bounds microphone audio like the WebSocket does: frames of at most 256 KB, at most
// 2x real time per dictation, a total budget. Driven through the ipcMain handlers registered on a hand-written fake.
import { describe, expect, it } from 'vitest';
import { ApiRouter, type MethodHandlers } from '../../main/app/api-router.js';
import { silentLogger } from '../../main/core/logger.js';
import { AudioIntake, AUDIO_BYTES_PER_SECOND, MAX_AUDIO_FRAME_BYTES } from '../../main/hosts/audio-intake.js';
import { MAIN_URL } from '../../main/hosts/electron/logic/app-origin.js';
import { IpcGuard } from '../../main/hosts/electron/logic/ipc-guard.js';
import { registerIpcOn, type IpcEventLike } from '../../main/hosts/electron/logic/ipc-registration.js';
import { FakeIpcMain } from './electron-fakes.js';
import { IPC_AUDIO_CHANNEL } from '../../preload/contract.js';

const OWN_EVENT: IpcEventLike = { senderFrame: { url: MAIN_URL, parent: null }, sender: { id: 1 } };

function setup(now: () => number): { ipc: FakeIpcMain; forwarded: number[]; guard: IpcGuard; unregister: () => void } {
  const forwarded: number[] = [];
  const handlers = { 'app.info': () => ({ host: 'electron' }) } as unknown as MethodHandlers;
  const guard = new IpcGuard({ router: new ApiRouter(handlers), onAudio: (_id, pcm) => forwarded.push(pcm.byteLength), logger: silentLogger, audioIntake: new AudioIntake({ now }) });
  const ipc = new FakeIpcMain();
  const unregister = registerIpcOn(ipc, guard);
  return { ipc, forwarded, guard, unregister };
}

describe('IPC audio limits', () => {
  it('accepts audio at most at 2x real time per dictation', () => {
    // Ten seconds of 100 ms chunks sent in one second: 10x real time. The clock moves 1 ms per chunk.
    let t = 0;
    const { ipc, forwarded, unregister } = setup(() => (t += 1));
    const chunk = AUDIO_BYTES_PER_SECOND / 10;
    for (let i = 0; i < 1000; i++) ipc.send(OWN_EVENT, IPC_AUDIO_CHANNEL, 5, new ArrayBuffer(chunk));
    const accepted = forwarded.reduce((n, b) => n + b, 0);
    expect(accepted).toBeLessThanOrEqual(2 * AUDIO_BYTES_PER_SECOND * 1 + 4 * AUDIO_BYTES_PER_SECOND);
    unregister();
    expect(ipc.listeners.get(IPC_AUDIO_CHANNEL)?.size ?? 0).toBe(0);
  });

  it('real-time audio all goes through, for as long as the dictation lasts', () => {
    // 100 ms chunks every 100 ms for a minute.
    let t = 0;
    const { ipc, forwarded } = setup(() => (t += 100));
    for (let i = 0; i < 600; i++) ipc.send(OWN_EVENT, IPC_AUDIO_CHANNEL, 9, new ArrayBuffer(AUDIO_BYTES_PER_SECOND / 10));
    expect(forwarded).toHaveLength(600);
  });

  it('refuses a frame over 256 KB, and the total across dictations is bounded', () => {
    let t = 1_000_000;
    const { ipc, forwarded, guard } = setup(() => (t += 5_000));
    ipc.send(OWN_EVENT, IPC_AUDIO_CHANNEL, 5, new ArrayBuffer(MAX_AUDIO_FRAME_BYTES + 2));
    expect(forwarded).toEqual([]);
    expect(guard.stats.rejectedAudio).toBe(1);
    // Five seconds apart, every 256 KB frame is within the rate: only the dictation's budget stops them.
    for (let i = 0; i < 400; i++) ipc.send(OWN_EVENT, IPC_AUDIO_CHANNEL, 5, new ArrayBuffer(MAX_AUDIO_FRAME_BYTES));
    const total = forwarded.reduce((n, b) => n + b, 0);
    expect(total).toBeLessThanOrEqual(10 * 60 * AUDIO_BYTES_PER_SECOND);
    expect(total).toBeGreaterThan(0);
    // Ten more windows, each with its own dictation: together they stay under the total budget.
    for (let window = 2; window <= 11; window++) for (let i = 0; i < 100; i++) ipc.send({ ...OWN_EVENT, sender: { id: window } }, IPC_AUDIO_CHANNEL, window, new ArrayBuffer(MAX_AUDIO_FRAME_BYTES));
    expect(forwarded.reduce((n, b) => n + b, 0)).toBeLessThanOrEqual(guard.audioLimits.maxTotalBytes);
    expect(guard.stats.throttledAudio).toBeGreaterThan(0);
  });

  it('still answers contract calls through the registered handlers', async () => {
    const { ipc } = setup(() => 0);
    const outcome = await ipc.invoke(OWN_EVENT, IpcGuard.channel('app.info'), {});
    expect(outcome).toMatchObject({ ok: true, result: { host: 'electron' } });
  });
});
