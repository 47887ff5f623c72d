import { useState } from 'react';
import type { SavedAudit } from '../../../../shared/contract/history';
import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useAuditDiff } from '../../queries/history';
import type { Selection } from '../files-table/use-selection';
import { ChangesList } from './changes-list';
import { formatAuditTime } from './audit-time';

export interface SinceLastAuditProps {
  workspaceId: string;
  /** Saved audits, oldest first; at least two. */
  audits: readonly SavedAudit[];
  selection: Selection;
  onSelection: (next: Selection) => void;
  onOpen: (file: StoredFile) => void;
  onDelete: () => void;
}

function change(before: number, after: number, format: (n: number) => string): string {
  if (after === before) return 'no change';
  return after > before ? `+${format(after - before)}` : `−${format(before - after)}`;
}

/**
 * "Since the last audit": the newest saved audit against the one before (or an earlier one the
 * user picks), with the totals before and after and the lists of files added and gone. Added files
 * still there can be selected, all at once or one by one, for the same bulk delete as elsewhere.
 */
export function SinceLastAudit({ workspaceId, audits, selection, onSelection, onOpen, onDelete }: SinceLastAuditProps) {
  const newest = audits[audits.length - 1]!;
  const earlier = audits.slice(0, -1);
  const [chosen, setChosen] = useState<number | null>(null);
  const from = earlier.find((a) => a.snapshotId === chosen) ?? earlier[earlier.length - 1]!;
  const diff = useAuditDiff(workspaceId, from.snapshotId, newest.snapshotId);
  const [selecting, setSelecting] = useState<{ error: unknown } | 'busy' | null>(null);
  const selectAdded = () => {
    setSelecting('busy');
    call('history:selectAdded', { fromSnapshotId: from.snapshotId, toSnapshotId: newest.snapshotId })
      .then(({ files }) => {
        setSelecting(null);
        onSelection(new Map(files.map((f) => [f.id, f])));
      })
      .catch((error: unknown) => setSelecting({ error }));
  };
  const count = (n: number) => n.toLocaleString('en-US');

  return (
    <section aria-labelledby="since-title" className="history-block">
      <div className="section-header">
        <h3 id="since-title">Since the last audit</h3>
        <label className="inline-field">
          Compare {formatAuditTime(newest.finishedAt)} with
          <select value={from.snapshotId} onChange={(e) => setChosen(Number(e.target.value))}>
            {earlier
              .slice()
              .reverse()
              .map((a) => (
                <option key={a.snapshotId} value={a.snapshotId}>
                  the audit of {formatAuditTime(a.finishedAt)}
                </option>
              ))}
          </select>
        </label>
      </div>
      {diff.isError && <ErrorNotice message={errorText(diff.error)} onRetry={() => void diff.refetch()} />}
      {!diff.data && !diff.isError && <p role="status">Comparing the two audits…</p>}
      {diff.data && (
        <>
          <p className="history-summary" data-testid="since-summary">
            {plural(diff.data.added.count, 'file')} added ({formatBytes(diff.data.added.bytes)}), {plural(diff.data.removed.count, 'file')} gone (
            {formatBytes(diff.data.removed.bytes)}).
          </p>
          <table className="chart-table history-totals" aria-label="Totals before and after">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Measure</span>
                </th>
                <th scope="col" className="align-end">
                  Before ({formatAuditTime(from.finishedAt)})
                </th>
                <th scope="col" className="align-end">
                  After ({formatAuditTime(newest.finishedAt)})
                </th>
                <th scope="col" className="align-end">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Files</th>
                <td className="align-end">{count(diff.data.before.count)}</td>
                <td className="align-end">{count(diff.data.after.count)}</td>
                <td className="align-end">{change(diff.data.before.count, diff.data.after.count, count)}</td>
              </tr>
              <tr>
                <th scope="row">Total size</th>
                <td className="align-end">{formatBytes(diff.data.before.bytes)}</td>
                <td className="align-end">{formatBytes(diff.data.after.bytes)}</td>
                <td className="align-end">{change(diff.data.before.bytes, diff.data.after.bytes, formatBytes)}</td>
              </tr>
            </tbody>
          </table>
          <div className="history-lists">
            <section aria-labelledby="added-title" className="history-list">
              <div className="section-header">
                <h4 id="added-title">Added ({count(diff.data.added.count)})</h4>
                <div className="button-row">
                  <button type="button" disabled={diff.data.added.count === 0 || selecting === 'busy'} onClick={selectAdded}>
                    {selecting === 'busy' ? 'Selecting…' : 'Select all added files'}
                  </button>
                  <button type="button" className="danger" disabled={selection.size === 0} onClick={onDelete}>
                    {selection.size > 0 ? `Delete ${plural(selection.size, 'selected file')}…` : 'Delete…'}
                  </button>
                </div>
              </div>
              {selecting !== null && selecting !== 'busy' && <ErrorNotice message={errorText(selecting.error)} onRetry={selectAdded} />}
              <ChangesList
                key={`added-${from.snapshotId}`}
                workspaceId={workspaceId}
                fromSnapshotId={from.snapshotId}
                toSnapshotId={newest.snapshotId}
                side="added"
                selection={selection}
                onSelection={onSelection}
                onOpen={onOpen}
              />
            </section>
            <section aria-labelledby="gone-title" className="history-list">
              <h4 id="gone-title">Gone ({count(diff.data.removed.count)})</h4>
              <p className="muted small">No longer in the workspace, so they cannot be opened or deleted.</p>
              <ChangesList
                key={`gone-${from.snapshotId}`}
                workspaceId={workspaceId}
                fromSnapshotId={from.snapshotId}
                toSnapshotId={newest.snapshotId}
                side="removed"
                selection={selection}
                onSelection={onSelection}
                onOpen={onOpen}
              />
            </section>
          </div>
        </>
      )}
    </section>
  );
}
