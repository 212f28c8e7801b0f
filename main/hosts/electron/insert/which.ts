// Finds a tool on PATH without running it, so missing tools are known at start and shown in settings.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The absolute path of an executable named name, or undefined. */
export type Which = (name: string) => string | undefined;

export function createPathWhich(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): Which {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter((d) => d.length > 0);
  // Windows finds "powershell" as powershell.exe: try the PATHEXT endings there.
  const endings = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())] : [''];
  return (name) => {
    for (const dir of dirs) {
      for (const ending of endings) {
        const candidate = join(dir, name + ending);
        try {
          accessSync(candidate, constants.X_OK);
          if (statSync(candidate).isFile()) return candidate;
        } catch {
          // not here: keep looking
        }
      }
    }
    return undefined;
  };
}
