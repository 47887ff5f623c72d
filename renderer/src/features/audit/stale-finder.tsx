import { useMemo, useState } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { ageInDays, plural } from '../../lib/format';

export interface StaleFinderProps {
  files: readonly StoredFile[];
  purposes: readonly string[];
  selectedCount: number;
  onSelect: (files: StoredFile[]) => void;
  onDelete: () => void;
}

/**
 * "Older than N days, purpose P": the clean-up question operators actually ask. It selects the
 * matches for the same bulk delete as the file table, with the same confirmation.
 */
export function StaleFinder({ files, purposes, selectedCount, onSelect, onDelete }: StaleFinderProps) {
  const [days, setDays] = useState(30);
  const [purpose, setPurpose] = useState('');
  const matches = useMemo(() => {
    const now = Date.now();
    return files.filter((f) => ageInDays(f.createdAt, now) >= days && (purpose === '' || f.purpose === purpose));
  }, [files, days, purpose]);
  const bytes = matches.reduce((sum, f) => sum + f.bytes, 0);

  return (
    <section aria-labelledby="stale-title" className="audit-section">
      <h2 id="stale-title">Find old files</h2>
      <div className="toolbar">
        <label className="inline-field">
          Older than
          <input
            type="number"
            min={0}
            className="narrow-input"
            value={days}
            onChange={(e) => setDays(Math.max(0, Number(e.target.value) || 0))}
            aria-describedby="stale-days-unit"
          />
          <span id="stale-days-unit">days</span>
        </label>
        <label className="inline-field">
          Purpose
          <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            <option value="">Any purpose</option>
            {purposes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <span role="status" className="stale-result">
          {plural(matches.length, 'file')} ({formatBytes(bytes)}) match
        </span>
        <button type="button" disabled={matches.length === 0} onClick={() => onSelect(matches)}>
          Select {plural(matches.length, 'file')}
        </button>
        <button type="button" className="danger" disabled={selectedCount === 0} onClick={onDelete}>
          {selectedCount > 0 ? `Delete ${plural(selectedCount, 'selected file')}…` : 'Delete…'}
        </button>
      </div>
    </section>
  );
}
