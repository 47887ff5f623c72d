export interface ProgressBarProps {
  label: string;
  /** 0..1, or null while the total is unknown (the bar then shows activity without a fill level). */
  value: number | null;
  compact?: boolean;
}

/** A labelled progress bar screen readers announce; the fill is CSS so it animates smoothly. */
export function ProgressBar({ label, value, compact }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress${compact ? ' progress-compact' : ''}${percent === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
