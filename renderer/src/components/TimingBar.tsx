// Where the time went: one bar per stage (transcription, intent, generation, total) against its target and maximum.
import type { StageTimings } from '../../../preload/contract';
import { judge, STAGE_LABELS, STAGES, type Budget, type Stage } from '../model/budgets';
import { formatMs } from '../model/format';

const VERDICT_TEXT = { 'within-target': 'within target', 'over-target': 'over target', 'over-max': 'over maximum' } as const;

export interface TimingBarProps {
  timings: StageTimings;
  budgets: Record<Stage, Budget>;
  /** Stages the request skipped (a typed request has no transcription; a cache hit no generation). */
  compact?: boolean;
}

export function TimingBar({ timings, budgets, compact = false }: TimingBarProps) {
  return (
    <section className={`timing-bar${compact ? ' is-compact' : ''}`} aria-label="Stage timings against their budgets">
      <ul>
        {STAGES.map((stage) => {
          const ms = timings[stage];
          const budget = budgets[stage];
          const scale = budget.maxMs * 1.25;
          const verdict = typeof ms === 'number' ? judge(ms, budget) : null;
          const width = typeof ms === 'number' ? Math.min(100, (ms / scale) * 100) : 0;
          return (
            <li key={stage} className="timing-row" data-stage={stage}>
              <span className="timing-label">{STAGE_LABELS[stage]}</span>
              <span className="timing-track" aria-hidden="true">
                <span className={`timing-fill ${verdict ?? 'none'}`} style={{ width: `${width}%` }} />
                <span className="timing-mark target" style={{ left: `${(budget.targetMs / scale) * 100}%` }} />
                <span className="timing-mark max" style={{ left: `${(budget.maxMs / scale) * 100}%` }} />
              </span>
              <span className="timing-value">
                {typeof ms === 'number' ? formatMs(ms) : '—'}
                <span className="sr-only">
                  {verdict ? `, ${VERDICT_TEXT[verdict]}` : ', not measured'} (target {budget.targetMs} ms, maximum {budget.maxMs} ms)
                </span>
              </span>
              {!compact ? (
                <span className={`timing-budget ${verdict ?? ''}`} aria-hidden="true">
                  {verdict === 'over-max' ? '▲ ' : ''}
                  {budget.targetMs}/{budget.maxMs}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
