// A spoken request picks its profile from the focus read at hotkey down, announces it, and the overlay can switch it for this request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FocusContext } from '../../main/profiles/profiles.js';
import { startHarness, eventLog, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const SPOKEN = 'show the files in this folder';
const XTERM: FocusContext = { available: true, names: ['XTerm', 'xterm'], app: 'xterm', title: 'user@host: ~' };

describe('the profile of a dictation', () => {
  let h: Harness;
  let audio: Uint8Array[];

  beforeAll(async () => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (scripts/install-test-deps.sh installs them)');
    h = await startHarness({ prewarm: true });
    audio = chunks100ms(speechPcm16(SPOKEN, { toneHz: 1300 }));
  });
  afterAll(async () => {
    h?.app.setFocusSource(undefined);
    await h?.close();
  });
  beforeEach(() => {
    h.sim.setScripts([{ toneHz: 1300, partials: ['show the files ', 'in this folder'], final: SPOKEN }]);
  });

  it('comes from the focused window read at hotkey down: a terminal gets a shell command, and the overlay is told', async () => {
    let release!: (f: FocusContext) => void;
    // The focus read is slower than the first audio chunk: the request must not wait for it before recording.
    const focus = new Promise<FocusContext>((resolve) => (release = resolve));
    h.app.setFocusSource(() => focus);
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio.slice(0, 3)) dictation.push(chunk);
    release(XTERM);
    for (const chunk of audio.slice(3)) dictation.push(chunk);
    const result = await dictation.finish();
    expect(log.events.find((e) => e.type === 'profile')).toEqual({ type: 'profile', profile: { id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell' } });
    expect(result).toMatchObject({ language: 'bash', profile: { id: 'builtin:terminal', style: 'shell' } });
  });

  it('can be switched by the overlay for this request only (dictation.profile)', async () => {
    h.app.setFocusSource(() => Promise.resolve(XTERM));
    const log = eventLog();
    const dictation = h.app.startDictation({ onEvent: log.sink });
    for (const chunk of audio) dictation.push(chunk);
    const switched = await h.app.router.call('dictation.profile', { requestId: dictation.requestId, profile: 'builtin:default' }, { clientId: 'overlay' });
    expect(switched).toMatchObject({ ok: true, result: { ok: true } });
    const result = await dictation.finish();
    expect(log.events.filter((e) => e.type === 'profile').at(-1)).toMatchObject({ profile: { id: 'builtin:default' } });
    expect(result.language).toBe(h.app.settings.language.default);
    expect(result.profile).toBeUndefined();

    // The next dictation in the terminal is a shell command again.
    const next = h.app.startDictation({});
    for (const chunk of audio) next.push(chunk);
    expect((await next.finish()).profile?.id).toBe('builtin:terminal');
  });

  it('never holds a request for a focus read that hangs: the default profile applies', async () => {
    h.app.setFocusSource(() => new Promise<FocusContext>(() => undefined));
    const dictation = h.app.startDictation({});
    for (const chunk of audio) dictation.push(chunk);
    const result = await dictation.finish();
    expect(result.complete).toBe(true);
    expect(result.profile).toBeUndefined();
  });

  it('is the default when no focus can be read (the web host, Wayland)', async () => {
    h.app.setFocusSource(() => Promise.resolve({ available: false, names: [] }));
    const dictation = h.app.startDictation({});
    for (const chunk of audio) dictation.push(chunk);
    const result = await dictation.finish();
    expect(result.profile).toBeUndefined();
    expect(result.language).toBe(h.app.settings.language.default);
  });
});
