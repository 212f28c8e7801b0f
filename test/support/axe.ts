// Page checks for the renderer tests: axe-core violations (under the app's strict CSP) and layout problems (cut off, overlapping).
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

/**
 * Layout problems: the page scrolling sideways, a control, heading or badge cut off by the window or by its
 * clipping container, or two of them overlapping (parts scrolled out of a scroll container are ignored).
 */
export async function findLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    /** The part of the element not clipped by an overflow ancestor (null when nothing shows). */
    const visible = (el: Element): DOMRect | null => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') return null;
      if (el.closest('.sr-only')) return null;
      let top = r.top;
      let bottom = r.bottom;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (!/(auto|scroll|hidden)/.test(ps.overflowY)) continue;
        const pr = p.getBoundingClientRect();
        top = Math.max(top, pr.top);
        bottom = Math.min(bottom, pr.bottom);
      }
      if (bottom - top <= 1) return null;
      return new DOMRect(r.left, top, r.width, bottom - top);
    };
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const controls = [...document.querySelectorAll('button, input, select, a[href], [role="tab"], .badge, h1, h2, kbd')];
    const boxes: Array<{ el: Element; r: DOMRect }> = [];
    for (const el of controls) {
      const r = visible(el);
      if (!r) continue;
      // Sideways, an element must fit its nearest clipping container (or the viewport).
      let clip: Element | null = el.parentElement;
      while (clip && clip !== document.body && !/(auto|scroll|hidden)/.test(getComputedStyle(clip).overflowX)) clip = clip.parentElement;
      const bounds = clip && clip !== document.body ? clip.getBoundingClientRect() : new DOMRect(0, 0, vw, Number.POSITIVE_INFINITY);
      if (r.left < bounds.left - 1 || r.right > bounds.right + 1) out.push(`${name(el)} is cut off sideways (${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(bounds.left)}..${Math.round(bounds.right)})`);
      if (r.left < -1 || r.right > vw + 1) out.push(`${name(el)} sticks out of the window`);
      boxes.push({ el, r });
    }
    // Text and cells must stay inside their card (a card does not clip: what sticks out overlaps its neighbour).
    for (const el of document.querySelectorAll('td, th, p, li, pre, dd, dt, label, input, select, button')) {
      const card = el.parentElement?.closest('.card, .history-detail, .error-notice, .privacy-notice, .transcript');
      const r = visible(el);
      if (!card || !r) continue;
      const c = card.getBoundingClientRect();
      if (r.right > c.right + 1 || r.left < c.left - 1) out.push(`${name(el)} sticks out of its ${name(card).split(' ')[0]} (${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(c.left)}..${Math.round(c.right)})`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as { el: Element; r: DOMRect };
        const b = boxes[j] as { el: Element; r: DOMRect };
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const overlapX = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const overlapY = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (overlapX > 2 && overlapY > 2) out.push(`${name(a.el)} overlaps ${name(b.el)}`);
      }
    }
    return out;
  });
}
