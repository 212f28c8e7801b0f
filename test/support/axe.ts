// Runs axe-core inside a page (works under a strict CSP) and returns the violations at or above a given impact.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const IMPACT_ORDER = ['minor', 'moderate', 'serious', 'critical'];

/**
 * Injects axe-core and runs it. page.addScriptTag inserts an inline <script>, which the app's CSP
 * (script-src 'self') refuses, so the source is evaluated through the DevTools protocol instead:
 * the page keeps its real CSP during the check.
 */
export async function runAxe(page: Page, minImpact: 'serious' | 'critical' | 'moderate' = 'serious'): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const min = IMPACT_ORDER.indexOf(minImpact);
  return violations.filter((v) => IMPACT_ORDER.indexOf(v.impact ?? 'minor') >= min);
}

/** One line per violation, for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('\n');
}
