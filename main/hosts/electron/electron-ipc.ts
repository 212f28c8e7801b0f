// Registers the contract's IPC handlers on Electron's ipcMain (the logic, testable without Electron, is ipc-registration.ts).
import { ipcMain } from 'electron';
import type { IpcGuard } from './logic/ipc-guard.js';
import { registerIpcOn, type IpcMainLike } from './logic/ipc-registration.js';

export function registerIpc(guard: IpcGuard): () => void {
  const ipc: IpcMainLike = ipcMain;
  return registerIpcOn(ipc, guard);
}
