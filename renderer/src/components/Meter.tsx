// A horizontal gauge with optional threshold lines (memory against warning and critical, tokens against the cap).

export interface MeterProps {
  label: string;
  value: number;
  max: number;
  valueText: string;
  marks?: Array<{ at: number; label: string; kind: 'warning' | 'critical' }>;
}

export function Meter({ label, value, max, valueText, marks = [] }: MeterProps) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const crossed = marks.filter((m) => value >= m.at).map((m) => m.kind);
  const state = crossed.includes('critical') ? 'critical' : crossed.includes('warning') ? 'warning' : 'ok';
  return (
    <div className="gauge">
      <div className="gauge-head">
        <span>{label}</span>
        <span className="gauge-value">{valueText}</span>
      </div>
      <div className="gauge-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={valueText}>
        <div className={`gauge-fill ${state}`} style={{ width: `${ratio * 100}%` }} />
        {marks.map((m) => (
          <span key={m.label} className={`gauge-mark ${m.kind}`} style={{ left: `${Math.min(100, (m.at / max) * 100)}%` }} title={m.label} />
        ))}
      </div>
      {marks.length > 0 ? (
        <div className="gauge-legend muted">
          {marks.map((m) => (
            <span key={m.label} className={`legend-${m.kind}`}>
              {m.label}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
