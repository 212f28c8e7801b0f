// The secret kinds redaction knows, and the set of ranges found so far (each matcher adds its own; earlier ones win).

export type SecretKind =
  | 'private_key' | 'google_api_key' | 'anthropic_key' | 'openai_key' | 'github_token' | 'gitlab_token' | 'npm_token'
  | 'aws_access_key' | 'azure_storage_key' | 'slack_token' | 'slack_webhook' | 'stripe_key' | 'jwt' | 'bearer_token'
  | 'password' | 'secret';

export interface SecretSpan {
  start: number;
  end: number;
  kind: SecretKind;
}

/**
 * Ranges to replace, in view coordinates. Matchers run one after another (a stage each) and report candidates in
 * ascending order, so checking a candidate against earlier stages is a cursor that only moves forward: linear.
 */
export class SpanSet {
  private committed: SecretSpan[] = [];
  private staged: SecretSpan[] = [];
  private cursor = 0;
  readonly counts: Partial<Record<SecretKind, number>> = {};
  total = 0;

  /** A whole secret (a key, a token): refused when it touches anything found before. */
  addToken(start: number, end: number, kind: SecretKind): boolean {
    const next = this.firstEndingAfter(start);
    if (next !== undefined && next.start < end) return false;
    this.accept(start, end, kind);
    return true;
  }

  /**
   * A value (a password, an assigned secret): refused when it starts inside something found before (a value that
   * is already a redacted key); a value that reaches into a later one covers it.
   */
  addValue(start: number, end: number, kind: SecretKind): boolean {
    const next = this.firstEndingAfter(start);
    if (next !== undefined && next.start <= start) return false;
    this.accept(start, end, kind);
    return true;
  }

  /** Ends a matcher's stage: its ranges join the others, sorted, a covering range absorbing what it covers. */
  endStage(): void {
    if (this.staged.length > 0) {
      const merged: SecretSpan[] = [];
      let i = 0;
      let k = 0;
      while (i < this.committed.length || k < this.staged.length) {
        const c = this.committed[i];
        const s = this.staged[k];
        const take = s === undefined || (c !== undefined && c.start < s.start) ? (i++, c as SecretSpan) : (k++, s);
        const last = merged[merged.length - 1];
        if (last !== undefined && take.start < last.end) last.end = Math.max(last.end, take.end);
        else merged.push({ ...take });
      }
      this.committed = merged;
      this.staged = [];
    }
    this.cursor = 0;
  }

  /** All ranges, sorted and disjoint (after endStage). */
  get spans(): readonly SecretSpan[] {
    return this.committed;
  }

  private firstEndingAfter(start: number): SecretSpan | undefined {
    while (this.cursor < this.committed.length && (this.committed[this.cursor] as SecretSpan).end <= start) this.cursor++;
    return this.committed[this.cursor];
  }

  private accept(start: number, end: number, kind: SecretKind): void {
    this.staged.push({ start, end, kind });
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    this.total++;
  }
}
