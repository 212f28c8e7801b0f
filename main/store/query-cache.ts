// A small cache of hot SELECT results, dropped per table whenever a write touches that table.
import { LRUCache } from 'lru-cache';

export class QueryCache {
  private readonly rows: LRUCache<string, { value: unknown }> | undefined;
  /** table -> cache keys that read it, so a write drops only what it could have changed. */
  private readonly byTable = new Map<string, Set<string>>();
  hits = 0;
  misses = 0;

  constructor(maxEntries: number) {
    this.rows = maxEntries > 0 ? new LRUCache({ max: maxEntries }) : undefined;
  }

  get enabled(): boolean {
    return this.rows !== undefined;
  }

  lookup(key: string): { value: unknown } | undefined {
    const hit = this.rows?.get(key);
    if (hit) this.hits++;
    else this.misses++;
    return hit;
  }

  store(key: string, tables: readonly string[], value: unknown): void {
    if (!this.rows) return;
    this.rows.set(key, { value });
    for (const table of tables) {
      let keys = this.byTable.get(table);
      if (!keys) this.byTable.set(table, (keys = new Set()));
      keys.add(key);
    }
  }

  invalidate(tables: Iterable<string> | 'all'): void {
    if (!this.rows) return;
    if (tables === 'all') {
      this.rows.clear();
      this.byTable.clear();
      return;
    }
    for (const table of tables) {
      const keys = this.byTable.get(table);
      if (!keys) continue;
      for (const key of keys) this.rows.delete(key);
      this.byTable.delete(table);
    }
  }
}

const WRITE_TARGET = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`[]?(\w+)/i;

/**
 * The table a write statement targets, or 'all' when it cannot tell (DDL, triggers writing other
 * tables are declared by the caller): dropping too much is safe, serving stale rows is not.
 */
export function writeTargets(sql: string): readonly string[] | 'all' {
  const match = WRITE_TARGET.exec(sql);
  return match?.[1] ? [match[1].toLowerCase()] : 'all';
}
