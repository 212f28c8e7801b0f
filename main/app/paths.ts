// Where the app keeps its data by default on each OS (VOICE_CODEGEN_DATA_DIR overrides it).
import { join } from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform, home: string, env: { APPDATA?: string; XDG_DATA_HOME?: string }): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Voice CodeGen');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Voice CodeGen');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'voice-codegen');
}
