// A profile through the real pipeline, SDK and simulator: language precedence, shell and markdown prompts, the cache key, the title's privacy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileForFocus } from '../../main/app/app-profiles.js';
import { defaultCodeAnswer } from '../../main/gemini-sim/code-answer.js';
import type { CodeAnswerRequest } from '../../main/gemini-sim/types.js';
import type { FocusContext } from '../../main/profiles/profiles.js';
import { startHarness, type Harness } from '../support/app-harness.js';

const VSCODE: FocusContext = { available: true, names: ['Code', 'code'], app: 'code', title: 'app.py - proj - Visual Studio Code' };
const XTERM: FocusContext = { available: true, names: ['XTerm', 'xterm'], app: 'xterm', title: 'user@host: ~/proj' };
const SLACK: FocusContext = { available: true, names: ['Slack', 'slack'], app: 'slack', title: 'general - Team - Slack' };

describe('app profiles in the pipeline', () => {
  let h: Harness;
  const seen: CodeAnswerRequest[] = [];
  const last = (): CodeAnswerRequest => seen.at(-1) as CodeAnswerRequest;

  beforeAll(async () => {
    h = await startHarness();
    h.sim.setCodeAnswer((request) => {
      seen.push(request);
      return defaultCodeAnswer(request);
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("uses the profile's language only when neither --lang nor the user's words name one", async () => {
    const python = profileForFocus(VSCODE, h.app.settings);
    expect((await h.app.runText({ text: 'write a function that reverses a string', profile: python, noCache: true }, () => undefined)).language).toBe('python');
    expect((await h.app.runText({ text: 'write a go function that reverses a string', profile: python, noCache: true }, () => undefined)).language).toBe('go');
    expect((await h.app.runText({ text: 'write a go function that reverses a string', language: 'rust', profile: python, noCache: true }, () => undefined)).language).toBe('rust');
    expect((await h.app.runText({ text: 'write a function that reverses a string', noCache: true }, () => undefined)).language).toBe(h.app.settings.language.default);
  });

  it('asks a terminal for one command or a short script with no trailing newline, in the user shell', async () => {
    const shell = profileForFocus(XTERM, h.app.settings, 'zsh');
    const result = await h.app.runText({ text: 'show the disk usage of this folder', profile: shell, noCache: true }, () => undefined);
    expect(result.language).toBe('bash');
    expect(last().systemInstruction).toContain("pasted into the user's terminal and is not run");
    expect(last().systemInstruction).toContain('no trailing newline');
  });

  it('asks a chat for one short sentence and a fenced block', async () => {
    await h.app.runText({ text: 'write a function that reverses a string', profile: profileForFocus(SLACK, h.app.settings), noCache: true }, () => undefined);
    expect(last().systemInstruction).toContain('one short sentence, then exactly one fenced code block');
  });

  it('keeps the window title local unless the user turns sending it on, and then redacts it', async () => {
    const titled: FocusContext = { ...VSCODE, title: 'deploy.py token=ghp_abcdefghijklmnopqrstuvwxyz0123456789 - proj - Visual Studio Code' };
    await h.app.runText({ text: 'write a function that reverses a string', profile: profileForFocus(titled, h.app.settings), noCache: true }, () => undefined);
    expect(last().prompt).not.toContain('deploy.py');
    const allowed = profileForFocus(titled, { profiles: { ...h.app.settings.profiles, sendWindowTitle: true } });
    await h.app.runText({ text: 'write a function that reverses a string', profile: allowed, noCache: true }, () => undefined);
    expect(last().prompt).toContain('Focused window: "deploy.py');
    expect(last().prompt).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it("adds the user's line to the prompt", async () => {
    const settings = { profiles: { rules: [{ name: 'Work', app: 'code', prompt: 'Use tabs for indentation.' }], sendWindowTitle: false } };
    const profile = profileForFocus(VSCODE, settings);
    expect(profile).toMatchObject({ id: 'user:0', language: 'python', promptLine: 'Use tabs for indentation.' });
    await h.app.runText({ text: 'write a function that reverses a string', profile, noCache: true }, () => undefined);
    expect(last().prompt).toContain('Note for this app: Use tabs for indentation.');
  });

  it('never answers a terminal from the cache entry of the same words asked in an editor', async () => {
    const text = 'print the numbers from one to ten';
    const code = await h.app.runText({ text, language: 'bash' }, () => undefined);
    expect(code.cached).toBeNull();
    const shell = await h.app.runText({ text, language: 'bash', profile: profileForFocus(XTERM, h.app.settings) }, () => undefined);
    expect(shell.cached).toBeNull();
    const again = await h.app.runText({ text, language: 'bash', profile: profileForFocus(XTERM, h.app.settings) }, () => undefined);
    expect(again.cached).not.toBeNull();
  });
});
