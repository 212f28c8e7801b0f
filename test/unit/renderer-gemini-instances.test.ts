// The Settings instance editor's model: rows from public settings (no keys), checks, and the patch it sends.
import { describe, expect, it } from 'vitest';
import { checkRows, emptyRow, instanceRows, instancesPatch } from '../../renderer/src/model/gemini-instances.js';
import { restartNotice } from '../../renderer/src/model/settings-fields.js';

const settings = {
  gemini: {
    instances: [
      { name: 'default', baseUrl: 'https://proxy.example/gemini', hasApiKey: true, weight: 2, models: { codegen: 'gemini-3.8-flash', live: 'x-live' } },
      { name: 'backup', hasApiKey: false, weight: 1 },
    ],
  },
};

describe('Gemini instance rows', () => {
  it('shows whether a key is set, never a key, and keeps what it does not edit', () => {
    const rows = instanceRows({ gemini: { instances: [{ ...settings.gemini.instances[0], apiKey: 'AIza-should-never-come' }] } });
    expect(rows[0]).toMatchObject({ name: 'default', baseUrl: 'https://proxy.example/gemini', model: 'gemini-3.8-flash', key: '', hasKey: true });
    expect(JSON.stringify(rows)).not.toContain('AIza-should-never-come');
    expect(instancesPatch(rows)).toEqual({ gemini: { instances: [{ name: 'default', baseUrl: 'https://proxy.example/gemini', weight: 2, models: { codegen: 'gemini-3.8-flash', live: 'x-live' } }] } });
  });

  it('an added row gets a free name; the patch never carries a typed key', () => {
    const rows = instanceRows(settings);
    const added = { ...emptyRow(rows), baseUrl: 'http://127.0.0.1:9999', model: 'gemini-3.5-flash-lite', key: 'AIza-typed-key-1234' };
    expect(added.name).toBe('instance-3');
    const patch = instancesPatch([...rows, added]);
    expect(JSON.stringify(patch)).not.toContain('AIza-typed-key-1234');
    expect((patch.gemini as { instances: unknown[] }).instances[2]).toEqual({ weight: 1, name: 'instance-3', baseUrl: 'http://127.0.0.1:9999', models: { codegen: 'gemini-3.5-flash-lite' } });
  });

  it('refuses empty or duplicate names, bad URLs and short keys', () => {
    const rows = instanceRows(settings);
    expect(checkRows(rows)).toEqual({});
    const bad = [{ ...rows[0]!, name: ' ' }, { ...rows[1]!, baseUrl: 'ftp://x' }, { ...rows[1]!, name: 'third', key: 'short' }];
    expect(Object.keys(checkRows(bad)).sort()).toEqual(['0.name', '1.baseUrl', '2.key']);
    expect(checkRows([rows[1]!, rows[1]!])['1.name']).toMatch(/already called/);
  });
});

describe('the restart notice after a save', () => {
  it('names what waits for a restart with the labels Settings shows', () => {
    expect(restartNotice([])).toBe('');
    expect(restartNotice(['cache.l1.maxBytes', 'store.readConnections'])).toBe(' Restart Voice CodeGen to apply: Memory cache size (MB), store.readConnections. Everything else applies now.');
  });
});
