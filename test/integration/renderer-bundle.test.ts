// The renderer's initial chunks (Vite manifest entry and its static imports) hold no library that must load on demand.
import { describe, expect, it } from 'vitest';
import { initialBundle, LAZY_ONLY } from '../support/renderer-bundle.js';

describe('renderer initial bundle', () => {
  it('keeps CodeMirror, the dashboard charts (uPlot) and highlight.js out of what the page loads first', () => {
    const b = initialBundle();
    expect(b.files.length).toBeGreaterThan(0);
    expect(b.forbidden).toEqual([]);
  });

  it('still builds the on-demand parts, as chunks of their own', () => {
    const b = initialBundle();
    // The dashboard's view is split off (its charts with it); a build that inlined it would have no lazy chunk.
    expect(b.lazyFiles.some((f) => /DashboardView-[\w-]+\.js$/.test(f))).toBe(true);
    expect(LAZY_ONLY.map((l) => l.name).join()).toMatch(/CodeMirror/);
  });
});
