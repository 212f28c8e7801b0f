// Suite intent: what the local recogniser costs per request (goal: p99 under 1 ms), over the labelled fixture requests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recogniseIntent } from '../../../main/intent/recogniser.js';
import { normaliseTranscript } from '../../../main/intent/normalise.js';
import type { RecogniseOptions } from '../../../main/intent/types.js';
import { stats, type BenchContext } from '../harness.js';

function fixtureUtterances(): string[] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/intents.tsv'), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).slice(1).map((l) => l.split('\t')[0] as string);
}

/** A vocabulary of 100 names, the size the transcription bias keeps (ARCHITECTURE.md). */
function vocabulary(): string[] {
  const verbs = ['fetch', 'load', 'save', 'parse', 'handle', 'render', 'update', 'delete', 'create', 'validate'];
  const nouns = ['User', 'Order', 'Config', 'Cart', 'Invoice', 'Session', 'Token', 'Event', 'Report', 'Payment'];
  return verbs.flatMap((v) => nouns.map((n) => `${v}${n}ById`)).slice(0, 100);
}

/** About 4 KB of TypeScript, a typical copied file section. */
function clipboardCode(): string {
  const unit = 'export interface User { id: number; name: string }\nexport async function loadUser(id: number): Promise<User> {\n  const res = await fetch(`/api/users/${id}`);\n  return (await res.json()) as User;\n}\n';
  return unit.repeat(Math.ceil(4096 / unit.length));
}

/** Times every call on its own: the p99 is about single requests, not an average over a batch. */
function timeEach(utterances: readonly string[], options: RecogniseOptions, rounds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const u of utterances) {
      const t0 = process.hrtime.bigint();
      recogniseIntent(u, options);
      out.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  return out;
}

export async function run(ctx: BenchContext): Promise<void> {
  const utterances = fixtureUtterances();
  const plain: RecogniseOptions = { defaultLanguage: 'typescript' };
  const withContext: RecogniseOptions = { defaultLanguage: 'typescript', knownIdentifiers: vocabulary(), clipboardCode: clipboardCode() };
  timeEach(utterances, plain, 20);
  timeEach(utterances, withContext, 20);
  const a = stats(timeEach(utterances, plain, 40));
  const b = stats(timeEach(utterances, withContext, 40));
  const norm = ctx.sampleSyncNs(() => normaliseTranscript('Um, write a debounce function in TypeScript, please.'), { samples: 100, batch: 200 });
  ctx.record('intent.p99_us', {
    value: a.p99,
    unit: 'us',
    better: 'lower',
    goal: 1000,
    detail: {
      median: a.median, p99: a.p99, mean: a.mean, max: a.max, calls: a.n, utterances: utterances.length,
      // With 100 known identifiers and 4 KB of clipboard code (its language detected when the intent needs it).
      with_context_median: b.median, with_context_p99: b.p99, with_context_max: b.max,
      normalise_median_us: norm.median / 1000,
    },
  });
}
