// Registers the contract's IPC handlers on Electron's own ipcMain (the logic, and its tests with a fake, are in logic/ipc-registration.ts).
import { ipcMain } from 'electron';
import type { IpcGuard } from './logic/ipc-guard.js';
import { registerIpcOn } from './logic/ipc-registration.js';

export function registerIpc(guard: IpcGuard): () => void {
  return registerIpcOn(ipcMain, guard);
}
