// Registers one handler per contract method and the audio channel on an ipcMain, all through the IPC guard.
import { IPC_AUDIO_CHANNEL, methods } from '../../../../preload/contract.js';
import { IpcGuard, type IpcSender } from './ipc-guard.js';
import { clientIdOf } from './window-manager.js';

/** What an IPC event carries that we read (Electron's IpcMainEvent and IpcMainInvokeEvent satisfy it). */
export interface IpcEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null | undefined;
  readonly sender: { readonly id: number };
}

/** The part of Electron's ipcMain we use; tests pass a fake, electron-ipc.ts the real one. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

function senderOf(event: IpcEventLike): IpcSender {
  const frame = event.senderFrame;
  return { url: frame?.url, isTopFrame: frame !== null && frame !== undefined && frame.parent === null };
}

export function registerIpcOn(ipc: IpcMainLike, guard: IpcGuard): () => void {
  const channels = Object.keys(methods).map((method) => {
    const channel = IpcGuard.channel(method);
    ipc.handle(channel, (event, ...args: unknown[]) => guard.invoke(method, senderOf(event), args, clientIdOf(event.sender.id)));
    return channel;
  });
  const onAudio = (event: IpcEventLike, ...args: unknown[]): void => {
    guard.audio(senderOf(event), args, clientIdOf(event.sender.id));
  };
  ipc.on(IPC_AUDIO_CHANNEL, onAudio);
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
    ipc.removeListener(IPC_AUDIO_CHANNEL, onAudio);
  };
}
