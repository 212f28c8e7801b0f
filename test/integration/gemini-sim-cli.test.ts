// The simulator on its own (the CLI behind `npm run gemini-sim`), driven through its admin API by another process.
import { spawn, type ChildProcess } from 'node:child_process';
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function startCli(): Promise<{ baseUrl: string; apiKey: string; adminUrl: string; adminToken: string; output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'main/gemini-sim/cli.ts', '--profile', 'instant', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let out = '';
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const base = /base URL:\s+(\S+)/.exec(out)?.[1];
      const key = /API key:\s+(\S+)/.exec(out)?.[1];
      const admin = /admin URL:\s+(\S+)/.exec(out)?.[1];
      const adminToken = /admin token:\s+(\S+)/.exec(out)?.[1];
      if (base && key && admin && adminToken) resolve({ baseUrl: base, apiKey: key, adminUrl: admin, adminToken, output: () => out });
    });
  });
}

let adminToken = '';

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body) });
}

describe('gemini-sim CLI', () => {
  it('prints its URLs, obeys the admin API, serves the SDK and stops cleanly on SIGTERM', async () => {
    const sim = await startCli();
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The admin API needs the admin token it printed.
    expect((await post(`${sim.adminUrl}/faults`, { kind: 'http-error', status: 503 })).status).toBe(401);
    adminToken = sim.adminToken;
    expect((await post(`${sim.adminUrl}/faults`, { kind: 'http-error', status: 503 })).status).toBe(200);
    expect((await post(`${sim.adminUrl}/faults`, { kind: 'nonsense' })).status).toBe(400);
    expect((await post(`${sim.adminUrl}/profile`, { profile: 'instant' })).status).toBe(200);
    expect((await post(`${sim.adminUrl}/scripts`, { scripts: [{ toneHz: 700, final: 'hello' }] })).status).toBe(200);

    const ai = new GoogleGenAI({ apiKey: sim.apiKey, httpOptions: { baseUrl: sim.baseUrl } });
    const request = { model: 'gemini-3.5-flash', contents: 'write hello world', config: { thinkingConfig: { thinkingBudget: 0 } } };
    await expect(ai.models.generateContent(request)).rejects.toMatchObject({ status: 503 });
    const ok = await ai.models.generateContent(request);
    expect(ok.text).toContain('```');

    const stats = (await (await fetch(`${sim.adminUrl}/stats`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { rest: { requestsByModel: Record<string, number> } };
    expect(stats.rest.requestsByModel['gemini-3.5-flash']).toBe(2);
    // The admin API is not on the Google-shaped port.
    expect((await fetch(`${sim.baseUrl}/stats`)).status).toBe(404);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(sim.output()).toMatch(/SIGTERM: stopping/);
  });
});
