// result.action through the router the hosts use: without a desktop shell the app says it cannot paste; with one, its handler answers.
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness.js';

describe('result.action (the overlay buttons)', () => {
  let h: Harness;
  afterAll(async () => {
    await h?.close();
  });

  it('the web host has no desktop: ok false and what to do instead; the desktop shell\'s handler is asked once set', async () => {
    h = await startHarness({ host: 'web' });
    const plain = await h.app.router.call('result.action', { requestId: 3, action: 'paste' }, { clientId: 't' });
    expect(plain).toEqual({ ok: true, result: { ok: false, message: expect.stringMatching(/copy the code instead/) } });
    const asked: Array<[number, string]> = [];
    h.app.setResultActionHandler((requestId, action) => {
      asked.push([requestId, action]);
      return { ok: true };
    });
    expect(await h.app.router.call('result.action', { requestId: 3, action: 'open-main' }, { clientId: 't' })).toEqual({ ok: true, result: { ok: true } });
    expect(asked).toEqual([[3, 'open-main']]);
    // The contract refuses what is not an action.
    expect(await h.app.router.call('result.action', { requestId: 3, action: 'run-it' } as never, { clientId: 't' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
