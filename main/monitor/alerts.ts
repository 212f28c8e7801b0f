// Alert shapes and the gate that de-duplicates them: one alert per key per cool-down, with a count of what it held back.
import type { Stage } from '../core/budgets.js';
import type { Clock } from '../core/clock.js';

/** Upper case to match the alert event of preload/contract.ts. */
export type AlertSeverity = 'WARNING' | 'CRITICAL';

export type AlertKind = 'response_time' | 'stage_over_max' | 'error_rate' | 'quota' | 'breaker_open';

export interface Alert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** De-duplication key: kind, plus the stage for stage alerts. */
  key: string;
  message: string;
  /** Wall-clock ms. */
  at: number;
  /** The measured value (ms, or a ratio for error_rate) and the threshold it crossed. */
  value: number;
  threshold: number;
  stage?: Stage;
  /** How many occurrences the cool-down held back since this key last fired. */
  suppressed: number;
}

export type AlertInput = Omit<Alert, 'at' | 'suppressed'>;

interface KeyState {
  lastAt: number;
  held: number;
}

/**
 * Lets the first occurrence of a key through, then holds back the same key until `cooldownMs`
 * has passed; the next alert that passes says how many were held back, so nothing is lost from
 * the count while the user is not flooded.
 */
export class AlertGate {
  private readonly keys = new Map<string, KeyState>();
  private heldTotal = 0;

  constructor(private readonly cooldownMs: number, private readonly clock: Clock) {}

  offer(input: AlertInput): Alert | undefined {
    const now = this.clock.now();
    const state = this.keys.get(input.key);
    if (state && now - state.lastAt < this.cooldownMs) {
      state.held++;
      this.heldTotal++;
      return undefined;
    }
    const suppressed = state?.held ?? 0;
    this.keys.set(input.key, { lastAt: now, held: 0 });
    return { ...input, at: now, suppressed };
  }

  /** Occurrences held back since the gate was created. */
  get suppressedTotal(): number {
    return this.heldTotal;
  }
}
