// The recogniser over the labelled requests of test/fixtures/intents.tsv: prints intent and per-slot accuracy and holds a floor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseIntent } from '../../main/intent/recogniser.js';
import { INTENT_NAMES } from '../../main/intent/types.js';

const SLOTS = ['language', 'name', 'framework', 'target_language'] as const;
type Slot = (typeof SLOTS)[number];

interface Row {
  utterance: string;
  intent: string;
  slots: Partial<Record<Slot, string>>;
}

/** The vocabulary the fixture assumes (names from the clipboard, history and project). */
const FIXTURE_KNOWN_IDENTIFIERS = ['fetchUserById', 'parseConfig', 'UserRepository', 'calculate_total', 'handleSubmit'];
const FIXTURE_DEFAULT_LANGUAGE = 'typescript';

function loadIntentFixture(): Row[] {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/intents.tsv'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const [utterance = '', intent = '', ...rest] = line.split('\t');
    const slots: Row['slots'] = {};
    SLOTS.forEach((slot, i) => {
      const value = rest[i]?.trim();
      if (value) slots[slot] = value;
    });
    return { utterance, intent, slots };
  });
}

describe('intent recogniser accuracy on the labelled fixture', () => {
  const rows = loadIntentFixture();

  it('has at least 150 requests covering every intent and every slot kind', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    for (const intent of INTENT_NAMES) expect(rows.some((r) => r.intent === intent), intent).toBe(true);
    for (const slot of SLOTS) expect(rows.some((r) => r.slots[slot] !== undefined), slot).toBe(true);
  });

  it('recognises at least 90 % of intents and 85 % of each slot', () => {
    let intentHits = 0;
    const slotHits: Record<Slot, { hit: number; total: number }> = { language: { hit: 0, total: 0 }, name: { hit: 0, total: 0 }, framework: { hit: 0, total: 0 }, target_language: { hit: 0, total: 0 } };
    const misses: string[] = [];
    for (const row of rows) {
      const result = recogniseIntent(row.utterance, { defaultLanguage: FIXTURE_DEFAULT_LANGUAGE, knownIdentifiers: FIXTURE_KNOWN_IDENTIFIERS });
      if (result.intent === row.intent) intentHits++;
      else misses.push(`intent  "${row.utterance}": expected ${row.intent}, got ${result.intent} (${result.confidence})`);
      for (const slot of SLOTS) {
        const expected = row.slots[slot];
        const actual = result.slots[slot];
        // A slot counts where the label or the recogniser has a value: empty-empty agreements would inflate the score.
        if (expected === undefined && actual === undefined) continue;
        slotHits[slot].total++;
        if (expected === actual) slotHits[slot].hit++;
        else misses.push(`${slot.padEnd(7)} "${row.utterance}": expected ${expected ?? '-'}, got ${actual ?? '-'}`);
      }
    }
    const intentAccuracy = intentHits / rows.length;
    const lines = [`intent accuracy ${(intentAccuracy * 100).toFixed(1)} % (${intentHits}/${rows.length})`];
    for (const slot of SLOTS) {
      const { hit, total } = slotHits[slot];
      lines.push(`${slot} accuracy ${((hit / total) * 100).toFixed(1)} % (${hit}/${total})`);
    }
    console.log([...lines, ...misses.map((m) => `  miss ${m}`)].join('\n'));
    expect(intentAccuracy).toBeGreaterThanOrEqual(0.9);
    for (const slot of SLOTS) expect(slotHits[slot].hit / slotHits[slot].total, slot).toBeGreaterThanOrEqual(0.85);
  });
});
