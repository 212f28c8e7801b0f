// On-demand parts of the renderer: lazyNamed() wraps a named export in React.lazy, LazyBoundary shows an accessible loading state and a load failure.
import { Component, lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * React.lazy for a named export: `lazyNamed(() => import('../views/DashboardView'), 'DashboardView')`. The module
 * and everything it imports land in their own chunk, loaded the first time the component renders. Import the module
 * nowhere else with a value import (a type-only import is fine): one static import puts it back in the initial chunk.
 */
export function lazyNamed<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** The loading state: announced politely to screen readers; the space it takes keeps the layout from jumping much. */
export function LazyLoading({ label }: { label: string }) {
  return (
    <p className="lazy-loading muted" role="status" aria-live="polite">
      Loading {label}…
    </p>
  );
}

interface BoundaryProps {
  /** What is loading, in words a user reads ("the dashboard", "the editor"). */
  label: string;
  children: ReactNode;
}

/** A chunk that fails to load (the app was updated, the host stopped) says so instead of blanking the window. */
class LazyErrorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <p className="lazy-failed" role="alert">
          Could not load {this.props.label}. Reload the window (Ctrl+R) to try again.
        </p>
      );
    }
    return this.props.children;
  }
}

/** Wrap every lazy component in one: `<LazyBoundary label="the dashboard"><LazyDashboardView … /></LazyBoundary>`. */
export function LazyBoundary({ label, children }: BoundaryProps) {
  return (
    <LazyErrorBoundary label={label}>
      <Suspense fallback={<LazyLoading label={label} />}>{children}</Suspense>
    </LazyErrorBoundary>
  );
}
