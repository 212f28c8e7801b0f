// The microphone input level as a meter (shown while listening).
export function LevelMeter({ level, active }: { level: number; active: boolean }) {
  // RMS of speech sits around 0.05..0.3: a square-root scale makes it visible.
  const shown = active ? Math.min(1, Math.sqrt(level) * 1.4) : 0;
  const percent = Math.round(shown * 100);
  return (
    <div className="level-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="level-meter-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
