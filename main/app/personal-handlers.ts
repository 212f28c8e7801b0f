// The renderer contract's dictionary.* and snippets.* methods, over the personal service.
import type { MethodHandlers } from './api-router.js';
import type { PersonalService } from '../personal/personal-service.js';

type PersonalMethods = Pick<MethodHandlers, 'dictionary.list' | 'dictionary.add' | 'dictionary.remove' | 'dictionary.import' | 'dictionary.export' | 'snippets.list' | 'snippets.save' | 'snippets.remove'>;

export function personalHandlers(personal: PersonalService): PersonalMethods {
  return {
    'dictionary.list': () => {
      const rows = personal.list();
      return { entries: rows.map((r) => ({ term: r.term, spoken: r.spoken, uses: r.uses })), total: rows.length };
    },
    'dictionary.add': async ({ term, spoken }) => {
      await personal.add({ term, ...(spoken !== undefined ? { spoken } : {}) });
      return { ok: true };
    },
    'dictionary.remove': async ({ term }) => ({ removed: await personal.remove(term) }),
    'dictionary.import': ({ text }) => personal.import(text),
    'dictionary.export': () => ({ text: personal.export() }),
    'snippets.list': () => ({ snippets: personal.snippets().map((s) => ({ name: s.name, body: s.body, uses: s.uses })) }),
    'snippets.save': async ({ name, body }) => {
      await personal.saveSnippet(name, body);
      return { ok: true };
    },
    'snippets.remove': async ({ name }) => ({ removed: await personal.removeSnippet(name) }),
  };
}
