// Registers one ipcMain handler per contract method and the audio channel, all through the IPC guard (ipcMain injected, so tests pass a fake).
import { IPC_AUDIO_CHANNEL, methods } from '../../../../preload/contract.js';
import { IpcGuard, type IpcSender } from './ipc-guard.js';
import { clientIdOf } from './window-manager.js';

/** What registration reads from Electron's IpcMainEvent / IpcMainInvokeEvent. */
export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null | undefined;
  sender: { id: number };
}

type IpcListener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

function senderOf(event: IpcEventLike): IpcSender {
  const frame = event.senderFrame;
  return { url: frame?.url, isTopFrame: frame !== null && frame !== undefined && frame.parent === null };
}

export function registerIpcOn(ipcMain: IpcMainLike, guard: IpcGuard): () => void {
  const channels = Object.keys(methods).map((method) => {
    const channel = IpcGuard.channel(method);
    ipcMain.handle(channel, (event, ...args: unknown[]) => guard.invoke(method, senderOf(event), args, clientIdOf(event.sender.id)));
    return channel;
  });
  // Audio passes the guard's checks and its AudioIntake (256 KB frames, 2x real time, a total budget).
  const onAudio: IpcListener = (event, ...args) => {
    guard.audio(senderOf(event), args, clientIdOf(event.sender.id));
  };
  ipcMain.on(IPC_AUDIO_CHANNEL, onAudio);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(IPC_AUDIO_CHANNEL, onAudio);
  };
}
