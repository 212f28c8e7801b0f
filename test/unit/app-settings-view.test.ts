// Settings as the renderer sees and patches them: no keys, no Redis password, keys never follow an instance elsewhere.
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../main/config/load.js';
import { applySettingsPatch, maskUrlPassword, publicSettings } from '../../main/app/settings-view.js';

const base = parseSettings({
  gemini: { instances: [{ name: 'default', apiKey: 'AIzaSecretKey123', baseUrl: 'https://proxy.example.com/' }] },
  cache: { l2: { url: 'redis://team:hunter2@redis.example.com:6379' } },
  vocabulary: { projectDir: '/home/me/project' },
});

describe('settings view', () => {
  it('shows whether a key is set and where Redis is, never the key or the password', () => {
    const shown = JSON.stringify(publicSettings(base, 'encrypted'));
    expect(shown).not.toContain('AIzaSecretKey123');
    expect(shown).not.toContain('hunter2');
    expect(shown).toContain('redis://team:***@redis.example.com:6379');
    expect(shown).toContain('"hasApiKey":true');
  });

  it('keeps the real Redis URL when the masked one comes back unchanged', () => {
    const next = applySettingsPatch(base, { cache: { l2: { url: maskUrlPassword(base.cache.l2.url) } }, language: { default: 'python' } });
    expect(next.cache.l2.url).toBe('redis://team:hunter2@redis.example.com:6379');
    expect(next.language.default).toBe('python');
  });

  it('keeps a key with its instance, but not when the instance is pointed at another endpoint', () => {
    const same = applySettingsPatch(base, { gemini: { instances: [{ name: 'default', baseUrl: 'https://proxy.example.com/' }] } });
    expect(same.gemini.instances[0]?.apiKey).toBe('AIzaSecretKey123');
    const moved = applySettingsPatch(base, { gemini: { instances: [{ name: 'default', baseUrl: 'https://elsewhere.example/' }] } });
    expect(moved.gemini.instances[0]?.apiKey).toBeUndefined();
  });

  it('treats an emptied optional text field as not set', () => {
    const next = applySettingsPatch(base, { cache: { l2: { url: '' } }, vocabulary: { projectDir: '' } });
    expect(next.cache.l2.url).toBeUndefined();
    expect(next.vocabulary.projectDir).toBeUndefined();
  });
});
