// A minimal observable state holder the view controllers extend (subscribe/getState for useSyncExternalStore).

export class StateStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: T) {}

  readonly getState = (): T => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected set(next: T): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  protected patch(partial: Partial<T>): void {
    this.set({ ...this.state, ...partial });
  }
}
