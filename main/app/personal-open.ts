// Opens the personal dictionary and snippets alone on the app's data folder (the CLI's `dict` commands: no Gemini, no workers).
import { join } from 'node:path';
import { systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { Database } from '../store/database.js';
import { PersonalStore } from '../store/personal-store.js';
import { PersonalService } from '../personal/personal-service.js';
import { ensureDataDir } from './paths.js';

export interface OpenPersonal {
  personal: PersonalService;
  close(): Promise<void>;
}

/** The same SQLite file as the app (voice-codegen.db), so a running app sees the change at its next request. */
export function openPersonal(dataDir: string, logger: Logger): OpenPersonal {
  ensureDataDir(dataDir);
  const db = Database.open({ file: join(dataDir, 'voice-codegen.db'), logger, readConnections: 1 });
  const personal = new PersonalService({ store: new PersonalStore(db), clock: systemClock, logger });
  return {
    personal,
    close: async () => {
      await personal.flush();
      db.close();
    },
  };
}
