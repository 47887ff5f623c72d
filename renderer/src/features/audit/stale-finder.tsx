import { useState } from 'react';
import { MAX_STALE_SELECTION } from '../../../../shared/contract/inventory';
import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useStaleFiles } from '../../queries/inventory';
import { DatedFileTable } from '../../components/dated-file-table';
import { PurposeSelect } from '../../components/purpose-select';

/** Matches shown per page of the preview list. */
const PREVIEW_PAGE = 10;

export interface StaleFinderProps {
  snapshotId: number;
  purposes: readonly string[];
  selectedCount: number;
  onSelect: (files: StoredFile[]) => void;
  onDelete: () => void;
}

function MatchesPreview({ files, offset, count, onPage }: { files: readonly StoredFile[]; offset: number; count: number; onPage: (offset: number) => void }) {
  return (
    <details className="stale-matches">
      <summary>Show the matching files, oldest first</summary>
      <DatedFileTable files={files} dateLabel="Uploaded" dateOf={(f) => f.createdAt} label="Matching old files" />
      <div className="button-row">
        <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PREVIEW_PAGE))}>
          ‹ Previous
        </button>
        <span className="muted small">
          {count === 0 ? 'None' : `${(offset + 1).toLocaleString('en-US')}–${Math.min(offset + PREVIEW_PAGE, count).toLocaleString('en-US')} of ${count.toLocaleString('en-US')}`}
        </span>
        <button type="button" disabled={offset + PREVIEW_PAGE >= count} onClick={() => onPage(offset + PREVIEW_PAGE)}>
          Next ›
        </button>
      </div>
    </details>
  );
}

/**
 * "Older than N days, purpose P": the clean-up question operators actually ask, answered by main
 * over the audit (ages count from when the audit ran, as in the "By age" chart). Selecting fetches
 * exactly the files counted, for the same bulk delete and confirmation as the file table.
 */
export function StaleFinder({ snapshotId, purposes, selectedCount, onSelect, onDelete }: StaleFinderProps) {
  const [days, setDays] = useState(30);
  const [purpose, setPurpose] = useState('');
  const [offset, setOffset] = useState(0);
  const [selecting, setSelecting] = useState<{ error: unknown } | 'busy' | null>(null);
  const question = { snapshotId, olderThanDays: days, purpose: purpose || null };
  const stale = useStaleFiles({ ...question, offset, limit: PREVIEW_PAGE });
  const count = stale.data?.count ?? 0;
  const capped = count > MAX_STALE_SELECTION;
  const ask = (next: () => void) => {
    next();
    setOffset(0);
  };
  const select = () => {
    setSelecting('busy');
    call('inventory:selectStale', question)
      .then(({ files }) => {
        setSelecting(null);
        onSelect(files);
      })
      .catch((error: unknown) => setSelecting({ error }));
  };

  return (
    <section aria-labelledby="stale-title" className="audit-section">
      <h2 id="stale-title">Find old files</h2>
      <div className="toolbar">
        <label className="inline-field">
          Older than
          <input
            type="number"
            min={0}
            max={36_500}
            className="narrow-input"
            value={days}
            onChange={(e) => ask(() => setDays(Math.min(36_500, Math.max(0, Math.floor(Number(e.target.value)) || 0))))}
            aria-describedby="stale-days-unit"
          />
          <span id="stale-days-unit">days</span>
        </label>
        <PurposeSelect purposes={purposes} value={purpose} onChange={(next) => ask(() => setPurpose(next))} />
        <span role="status" className="stale-result">
          {stale.data ? `${plural(count, 'file')} (${formatBytes(stale.data.bytes)}) match` : 'Counting…'}
        </span>
        <button type="button" disabled={count === 0 || stale.isPlaceholderData || selecting === 'busy'} onClick={select}>
          {selecting === 'busy' ? 'Selecting…' : capped ? `Select the oldest ${MAX_STALE_SELECTION.toLocaleString('en-US')} files` : `Select ${plural(count, 'file')}`}
        </button>
        <button type="button" className="danger" disabled={selectedCount === 0} onClick={onDelete}>
          {selectedCount > 0 ? `Delete ${plural(selectedCount, 'selected file')}…` : 'Delete…'}
        </button>
      </div>
      {capped && (
        <p className="muted small">
          One delete takes at most {MAX_STALE_SELECTION.toLocaleString('en-US')} files: select and delete the oldest, then select again for the rest.
        </p>
      )}
      {stale.data && stale.data.count > 0 && <MatchesPreview files={stale.data.files} offset={offset} count={count} onPage={setOffset} />}
      {stale.isError && <ErrorNotice message={errorText(stale.error)} onRetry={() => void stale.refetch()} />}
      {selecting !== null && selecting !== 'busy' && <ErrorNotice message={errorText(selecting.error)} onRetry={select} />}
    </section>
  );
}
