// Where the time went: one bar per stage (transcription, intent, generation, total) against its target and maximum.
import type { StageTimings } from '../../../preload/contract';
import { judge, STAGE_LABELS, STAGES, type Budget, type Stage } from '../model/budgets';
import { formatMs } from '../model/format';

const VERDICT_TEXT = { 'within-target': 'within target', 'over-target': 'over target', 'over-max': 'over maximum' } as const;

export interface TimingBarProps {
  timings: StageTimings;
  budgets: Record<Stage, Budget>;
  /** One line of chips instead of bars (the overlay). */
  compact?: boolean;
}

const SHORT: Record<Stage, string> = { transcription: 'Transcribe', intent: 'Intent', generation: 'Generate', total: 'Total' };

/** One line of stage chips for the overlay. */
function TimingChips({ timings, budgets }: { timings: StageTimings; budgets: Record<Stage, Budget> }) {
  return (
    <section className="timing-chips" aria-label="Stage timings against their budgets">
      <ul>
        {STAGES.filter((stage) => typeof timings[stage] === 'number').map((stage) => {
          const ms = timings[stage] as number;
          const verdict = judge(ms, budgets[stage]);
          return (
            <li key={stage} className={`timing-chip ${verdict}`} data-stage={stage}>
              {SHORT[stage]} <span className="timing-value">{formatMs(ms)}</span>
              <span className="sr-only">, {VERDICT_TEXT[verdict]} (target {budgets[stage].targetMs} ms, maximum {budgets[stage].maxMs} ms)</span>
            </li>
          );
        })}
        {typeof timings.waiting === 'number' && timings.waiting > 0 ? (
          <li className="timing-chip timing-waiting" data-stage="waiting">
            wait <span className="timing-value">{formatMs(timings.waiting)}</span>
            <span className="sr-only"> before retrying Gemini, outside the budgets</span>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

export function TimingBar({ timings, budgets, compact = false }: TimingBarProps) {
  if (compact) return <TimingChips timings={timings} budgets={budgets} />;
  return (
    <section className="timing-bar" aria-label="Stage timings against their budgets">
      <p className="timing-legend muted" aria-hidden="true">
        Where the time went · <span className="legend-target">|</span> target · <span className="legend-max">|</span> maximum
      </p>
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
              <span className={`timing-budget ${verdict ?? ''}`} aria-hidden="true">
                {verdict === 'over-max' ? '▲ ' : ''}
                {budget.targetMs}/{budget.maxMs}
              </span>
            </li>
          );
        })}
      </ul>
      {typeof timings.waiting === 'number' && timings.waiting > 0 ? (
        <p className="timing-waiting muted" data-stage="waiting">
          Waited {formatMs(timings.waiting)} before retrying Gemini (its own stage: not counted in generation, total or the budgets).
        </p>
      ) : null}
    </section>
  );
}
