// The renderer's on-demand views, in one place: each is its own chunk (test/support/renderer-bundle.ts checks the split).
import { lazyNamed } from './lazy';

/** The dashboard and its uPlot charts: loaded when the Dashboard tab opens. */
export const LazyDashboardView = lazyNamed(() => import('../views/DashboardView'), 'DashboardView');
