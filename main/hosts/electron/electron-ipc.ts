// Registers one ipcMain handler per contract method and the audio channel, all through the IPC guard.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { IPC_AUDIO_CHANNEL, methods } from '../../../preload/contract.js';
import { IpcGuard, type IpcSender } from './logic/ipc-guard.js';
import { clientIdOf } from './logic/window-manager.js';

function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return { url: frame?.url, isTopFrame: frame !== null && frame !== undefined && frame.parent === null };
}

export function registerIpc(guard: IpcGuard): () => void {
  const channels = Object.keys(methods).map((method) => {
    const channel = IpcGuard.channel(method);
    ipcMain.handle(channel, (event, ...args: unknown[]) => guard.invoke(method, senderOf(event), args, clientIdOf(event.sender.id)));
    return channel;
  });
  const onAudio = (event: IpcMainEvent, ...args: unknown[]): void => {
    guard.audio(senderOf(event), args, clientIdOf(event.sender.id));
  };
  ipcMain.on(IPC_AUDIO_CHANNEL, onAudio);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(IPC_AUDIO_CHANNEL, onAudio);
  };
}
