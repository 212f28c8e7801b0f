// A push-to-pull bridge: a producer pushes items (or ends, or fails) and a consumer iterates them with for-await.

export class AsyncQueue<T> implements AsyncIterable<T> {
  /** @param onReturn called when the consumer stops early (break, throw): the producer should stop too. */
  constructor(private readonly onReturn: () => void = () => undefined) {}

  private readonly items: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  end(): void {
    this.ended = true;
    if (this.waiting && this.items.length === 0) {
      const w = this.waiting;
      this.waiting = null;
      if (this.failure) w.reject(this.failure.error);
      else w.resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.ended) return this.failure ? Promise.reject(this.failure.error) : Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        if (!this.ended) this.onReturn();
        this.ended = true;
        this.items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
