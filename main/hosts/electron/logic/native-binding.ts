// Where better-sqlite3 built for Electron's ABI lives: .electron-native/ in development, resources/native/ when packaged.
import { join } from 'node:path';

/** The file name scripts/electron-native.mjs writes (and electron-builder copies to resources/native). */
export function nativeBindingFileName(electronVersion: string): string {
  return `better_sqlite3-electron-${electronVersion}.node`;
}

export function resolveNativeBinding(input: {
  isPackaged: boolean;
  resourcesPath: string;
  appRoot: string;
  electronVersion: string;
  exists: (path: string) => boolean;
}): { path: string } | { path: undefined; message: string } {
  const name = nativeBindingFileName(input.electronVersion);
  const path = input.isPackaged ? join(input.resourcesPath, 'native', name) : join(input.appRoot, '.electron-native', name);
  if (input.exists(path)) return { path };
  return {
    path: undefined,
    message: input.isPackaged
      ? `The database driver for this Electron (${name}) is missing from the installation; reinstall Voice CodeGen.`
      : `better-sqlite3 has not been built for Electron ${input.electronVersion}: run "node scripts/electron-native.mjs" (npm start does it).`,
  };
}
