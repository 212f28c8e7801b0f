// The seed's MemoryMonitor: memory pressure levels, cleanup actions in order, and refusing new requests while critical.
import { systemClock, type Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { TypedEmitter, type Disposable, type Listener } from '../core/events.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Settings } from '../config/schema.js';
import type { MemoryReader, MemoryReading } from './memory-reader.js';
import { systemTimers, type TimerHandle, type Timers } from './timers.js';

export type MemoryLevel = 'normal' | 'warning' | 'critical';
export type MemorySettings = Settings['monitor']['memory'];

export interface MemoryState {
  level: MemoryLevel;
  /** The higher of the heap ratio (old generation / its limit) and the system ratio (1 - available / total). */
  usage: number;
  source: 'heap' | 'system';
  heapRatio: number;
  systemRatio: number | null;
  rssBytes: number;
  /** False from critical until usage falls below the warning threshold. */
  admitting: boolean;
  message: string;
  at: number;
}

export interface MemoryActionResult {
  name: string;
  level: Exclude<MemoryLevel, 'normal'>;
  ok: boolean;
  error?: string;
}

export interface MemoryMonitorEvents {
  /** The level changed (the UI and the log show it; matches preload/contract.ts memory.state). */
  level: MemoryState & { previous: MemoryLevel };
  action: MemoryActionResult;
}

export interface MemoryMonitorOptions {
  settings: MemorySettings;
  reader: MemoryReader;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
}

interface Action {
  name: string;
  run(): void | Promise<void>;
}

const RANK: Record<MemoryLevel, number> = { normal: 0, warning: 1, critical: 2 };

function pct(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A warning action the app may register: asks V8 for a full GC when node runs with --expose-gc. */
export function collectGarbageIfExposed(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
}

export class MemoryMonitor {
  private readonly settings: MemorySettings;
  private readonly reader: MemoryReader;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly emitter: TypedEmitter<MemoryMonitorEvents>;
  private readonly actions: Record<'warning' | 'critical', Action[]> = { warning: [], critical: [] };
  private current: MemoryState;
  private inFlight: Promise<MemoryState> | undefined;
  private timer: TimerHandle | undefined;
  private running = false;
  private lastActionsAt = -Infinity;
  private readFailures = 0;

  constructor(options: MemoryMonitorOptions) {
    this.settings = options.settings;
    this.reader = options.reader;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.logger = (options.logger ?? silentLogger).child({ component: 'memory-monitor' });
    this.emitter = new TypedEmitter((error, event) => this.logger.error({ err: error, event }, 'memory listener failed'));
    this.current = { level: 'normal', usage: 0, source: 'heap', heapRatio: 0, systemRatio: null, rssBytes: 0, admitting: true, message: 'not measured yet', at: this.clock.now() };
  }

  on<K extends keyof MemoryMonitorEvents>(event: K, listener: Listener<MemoryMonitorEvents[K]>): Disposable {
    return this.emitter.on(event, listener);
  }

  /**
   * Registers a cleanup action for a level. Actions of a level run in registration order when the
   * level is entered (and again every intervalMs while it lasts); critical runs only its own list,
   * which the app makes the emergency superset (clear all caches, terminate idle workers, ...).
   */
  registerAction(level: 'warning' | 'critical', name: string, run: () => void | Promise<void>): Disposable {
    const action: Action = { name, run };
    this.actions[level].push(action);
    return {
      dispose: () => {
        const list = this.actions[level];
        const i = list.indexOf(action);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }

  /** Checks now, then every intervalMs (every fastIntervalMs while at warning or above). */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  get state(): MemoryState {
    return this.current;
  }

  get admitting(): boolean {
    return this.current.admitting;
  }

  /** Cheap (reads a field): the app calls it before every request. */
  admission(): { admitted: true } | { admitted: false; error: AppError } {
    if (this.current.admitting) return { admitted: true };
    const s = this.current;
    const system = s.systemRatio === null ? '' : `, system memory ${pct(s.systemRatio)}`;
    const error = new AppError('MEMORY_PRESSURE', `Memory pressure: the app's heap is at ${pct(s.heapRatio)} of its limit${system}. New requests are paused until usage falls below ${pct(this.settings.warning)}; close other apps or wait.`, {
      details: { usage: s.usage, source: s.source, level: s.level },
    });
    return { admitted: false, error };
  }

  assertAdmission(): void {
    const verdict = this.admission();
    if (!verdict.admitted) throw verdict.error;
  }

  /** One collection cycle: read, classify, run actions on the way up, update admission. Never overlaps itself. */
  check(): Promise<MemoryState> {
    this.inFlight ??= this.runCheck().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  close(): void {
    this.running = false;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.emitter.clear();
  }

  private async runCheck(): Promise<MemoryState> {
    let reading: MemoryReading;
    try {
      reading = await this.reader.read();
    } catch (error) {
      this.readFailures++;
      this.logger.warn({ err: error, failures: this.readFailures }, 'memory reading failed; keeping the last level');
      return this.current;
    }
    const previous = this.current;
    const next = this.classify(reading, previous.admitting);
    this.current = next;
    if (next.level !== previous.level) {
      const log = next.level === 'normal' ? this.logger.info : this.logger.warn;
      log.call(this.logger, { level: next.level, previous: previous.level, usage: next.usage, source: next.source, rssBytes: next.rssBytes }, next.message);
      this.emitter.emit('level', { ...next, previous: previous.level });
    }
    const now = this.clock.now();
    const rose = RANK[next.level] > RANK[previous.level];
    if (next.level !== 'normal' && (rose || now - this.lastActionsAt >= this.settings.intervalMs)) {
      this.lastActionsAt = now;
      await this.runActions(next.level);
    }
    return this.current;
  }

  private classify(reading: MemoryReading, wasAdmitting: boolean): MemoryState {
    const p = reading.process;
    const heapRatio = p.heapLimitBytes > 0 ? p.heapUsedBytes / p.heapLimitBytes : 0;
    const systemRatio = reading.system && reading.system.totalBytes > 0 ? 1 - reading.system.availableBytes / reading.system.totalBytes : null;
    const source = systemRatio !== null && systemRatio > heapRatio ? 'system' : 'heap';
    const usage = source === 'system' ? (systemRatio as number) : heapRatio;
    const level: MemoryLevel = usage >= this.settings.critical ? 'critical' : usage >= this.settings.warning ? 'warning' : 'normal';
    // Hysteresis: refused from critical until usage is back under warning, so one freed cache does not flap admission.
    const admitting = level === 'critical' ? false : wasAdmitting || usage < this.settings.warning;
    const what = source === 'system' ? `system memory at ${pct(usage)}` : `heap at ${pct(usage)} of its limit`;
    const message =
      level === 'critical'
        ? `Memory pressure: ${what}. Clearing memory caches; new requests are paused until usage falls below ${pct(this.settings.warning)}. Close other apps or wait.`
        : level === 'warning'
          ? `Memory is high: ${what}. Freeing non-essential caches.${admitting ? '' : ' New requests stay paused until usage falls below the warning level.'}`
          : `Memory is back to normal: ${what}.`;
    return { level, usage, source, heapRatio, systemRatio, rssBytes: p.rssBytes, admitting, message, at: this.clock.now() };
  }

  private async runActions(level: 'warning' | 'critical'): Promise<void> {
    for (const action of [...this.actions[level]]) {
      let result: MemoryActionResult;
      try {
        await action.run();
        result = { name: action.name, level, ok: true };
      } catch (error) {
        result = { name: action.name, level, ok: false, error: error instanceof Error ? error.message : String(error) };
        this.logger.error({ err: error, action: action.name, level }, 'memory cleanup action failed');
      }
      this.emitter.emit('action', result);
    }
  }

  private schedule(): void {
    if (!this.running) return;
    const ms = this.current.level === 'normal' ? this.settings.intervalMs : this.settings.fastIntervalMs;
    this.timer = this.timers.setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.logger.error({ err: error }, 'memory check failed');
    } finally {
      this.schedule();
    }
  }
}
