// Privacy opt-out at run time, through the full web-host composition (vocabulary refresh, pre-warmed pool, monitor timers):
// after project vocabulary is turned off, no Live session set up with project identifiers serves the next dictation.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';
import { chunks100ms, speechPcm16 } from '../support/speech-pcm.js';
import { speechToolsAvailable } from '../support/speech.js';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'vocab-project');
const PROJECT_TERM = 'fetchUserById';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`still waiting for: ${what}`);
}

async function update(h: Harness, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outcome = await h.app.router.call('settings.update', { patch }, { clientId: 'privacy-test' });
  if (!outcome.ok) throw new Error(`settings.update: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.result as Record<string, unknown>;
}

describe('privacy opt-out applies at once (web-host composition)', () => {
  let audio: Uint8Array[];
  beforeAll(() => {
    if (!speechToolsAvailable()) throw new Error('espeak-ng and sox are required (the README test line installs them)');
    audio = chunks100ms(speechPcm16('write a test for fetch user by id', { toneHz: 1300 }));
  });

  it('turning project vocabulary off closes sessions set up with project terms before the next dictation uses one', async () => {
    const h = await startHarness({
      host: 'web',
      prewarm: true,
      settings: { privacy: { projectVocabulary: true }, vocabulary: { projectDir: FIXTURE }, speculation: { enabled: false }, intent: { assistBelowConfidence: 0 } },
    });
    open.push(h);
    const live = (): ReturnType<typeof h.sim.stats>['live'] => h.sim.stats().live;
    // The composition's own start-up refresh scans the project and replaces the warm session.
    await until('a warm session set up with the project’s terms', () => live().setups.some((s) => s.vocabulary.includes(PROJECT_TERM)) && h.app.settings.privacy.projectVocabulary);
    await until('the warm session is ready', () => {
      const withTerm = live().setups.filter((s) => s.vocabulary.includes(PROJECT_TERM)).map((s) => s.connectionId);
      return withTerm.length > 0 && live().closes.every((c) => !withTerm.includes(c.connectionId));
    });

    const answer = await update(h, { privacy: { projectVocabulary: false } });
    expect(answer.restartRequired).toBe(false);
    const setupsBefore = live().setups.length;

    const dictation = h.app.startDictation({ clientId: 'privacy-test' });
    for (const chunk of audio) dictation.push(chunk);
    await dictation.finish();

    const turn = live().turns.at(-1);
    expect(turn, 'the dictation reached a Live session').toBeDefined();
    const setupOfTurn = live().setups.find((s) => s.connectionId === turn?.connectionId);
    expect(setupOfTurn?.vocabulary ?? []).not.toContain(PROJECT_TERM);
    // Every setup after the opt-out is free of project terms, and every session that carried them was closed.
    for (const s of live().setups.slice(setupsBefore)) expect(s.vocabulary).not.toContain(PROJECT_TERM);
    const carried = live().setups.filter((s) => s.vocabulary.includes(PROJECT_TERM)).map((s) => s.connectionId);
    await until('sessions with project terms closed', () => carried.every((id) => live().closes.some((c) => c.connectionId === id)), 5_000);
  });

  it('turning clipboard context off takes the clipboard’s names out of the Live sessions before the next dictation', async () => {
    const clipboard = { readText: () => Promise.resolve('const total = computeInvoiceTotal(lineItems);'), writeText: () => undefined };
    const h = await startHarness({ host: 'web', prewarm: true, platform: { clipboard }, settings: { privacy: { clipboardContext: true }, speculation: { enabled: false }, intent: { assistBelowConfidence: 0 } } });
    open.push(h);
    const live = (): ReturnType<typeof h.sim.stats>['live'] => h.sim.stats().live;
    await until('a warm session set up with the clipboard’s names', () => live().setups.some((s) => s.vocabulary.includes('computeInvoiceTotal')));
    const answer = await update(h, { privacy: { clipboardContext: false } });
    expect(answer.restartRequired).toBe(false);
    const setupsBefore = live().setups.length;
    const dictation = h.app.startDictation({ clientId: 'privacy-test' });
    for (const chunk of audio) dictation.push(chunk);
    await dictation.finish();
    const turn = live().turns.at(-1);
    expect(live().setups.find((s) => s.connectionId === turn?.connectionId)?.vocabulary ?? []).not.toContain('computeInvoiceTotal');
    for (const s of live().setups.slice(setupsBefore)) expect(s.vocabulary).not.toContain('computeInvoiceTotal');
  });

  it('choosing another project folder at run time scans it without a restart', async () => {
    const h = await startHarness({ host: 'web', prewarm: true, settings: { privacy: { projectVocabulary: true }, speculation: { enabled: false } } });
    open.push(h);
    const answer = await update(h, { vocabulary: { projectDir: FIXTURE } });
    expect(answer.restartRequired).toBe(false);
    await until('a session set up with the new project’s terms', () => h.sim.stats().live.setups.some((s) => s.vocabulary.includes(PROJECT_TERM)));
  });
});
