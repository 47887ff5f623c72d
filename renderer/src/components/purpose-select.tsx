export interface PurposeSelectProps {
  purposes: readonly string[];
  /** '' means any purpose. */
  value: string;
  onChange: (purpose: string) => void;
  ariaLabel?: string;
}

/** "Purpose: Any purpose / …" as a labelled inline field, the same wherever the audit filters. */
export function PurposeSelect({ purposes, value, onChange, ariaLabel }: PurposeSelectProps) {
  return (
    <label className="inline-field">
      Purpose
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any purpose</option>
        {purposes.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}
