// Settings shows what loading repaired, a key kept for this session only, and what a save did to keys (issue 18).
import { describe, expect, it } from 'vitest';
import { savedNotice, settingsNotices } from '../../renderer/src/model/settings-notices.js';

describe('settings notices', () => {
  it('shows each repaired value and the session-only key notice; nothing for settings that loaded cleanly', () => {
    expect(settingsNotices(null)).toEqual([]);
    expect(settingsNotices({ warnings: [], keyStorage: 'encrypted' })).toEqual([]);
    const shown = settingsNotices({ warnings: ['Reset to default: setting "monitor.reportIntervalMs": must be a whole number from 60,000 to 604,800,000 ms'], keyNotice: 'kept for this session only' });
    expect(shown[0]).toBe('kept for this session only');
    expect(shown[1]).toMatch(/Repaired when Voice CodeGen started: .*monitor\.reportIntervalMs/);
  });

  it('after a save, says a restart is needed and repeats what happened to keys', () => {
    expect(savedNotice(1, {})).toBe('Saved 1 change.');
    const text = savedNotice(2, { restartRequired: true, keysDropped: ['default'], notices: ['The API key of instance "default" was not moved to its new base URL.'] });
    expect(text).toMatch(/^Saved 2 changes\. Restart/);
    expect(text).toContain('was not moved');
  });
});
