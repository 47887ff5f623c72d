import { useState } from 'react';
import type { SavedAudit } from '../../../../shared/contract/history';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { formatAuditTime } from './audit-time';

export interface SavedAuditsProps {
  workspaceId: string;
  /** Oldest first. */
  audits: readonly SavedAudit[];
  /** How many audits the app keeps per workspace. */
  kept: number;
  onRemoved: () => void;
}

function ConfirmRemove({ workspaceId, audits, onClose, onRemoved }: { workspaceId: string; audits: readonly SavedAudit[]; onClose: () => void; onRemoved: () => void }) {
  const [state, setState] = useState<'idle' | 'busy' | { error: unknown }>('idle');
  const remove = () => {
    setState('busy');
    call('history:removeAudits', { workspaceId, snapshotIds: audits.map((a) => a.snapshotId) })
      .then(() => {
        onRemoved();
        onClose();
      })
      .catch((error: unknown) => setState({ error }));
  };
  const n = plural(audits.length, 'saved audit');
  return (
    <Dialog
      title={`Delete ${n}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger" disabled={state === 'busy'} onClick={remove}>
            {state === 'busy' ? 'Deleting…' : `Delete ${n}`}
          </button>
        </>
      }
    >
      <p>
        {audits.length === 1 ? 'This audit’s file list is' : 'The file lists of these audits are'} removed from this computer, so {audits.length === 1 ? 'it' : 'they'} can no
        longer be compared. Nothing in the workspace changes.
      </p>
      <ul className="plain-list" aria-label="Audits to delete">
        {audits.map((a) => (
          <li key={a.snapshotId}>
            {formatAuditTime(a.finishedAt)} <span className="muted">{plural(a.fileCount, 'file')}, {formatBytes(a.totalBytes)}</span>
          </li>
        ))}
      </ul>
      {typeof state === 'object' && <ErrorNotice message={errorText(state.error)} onRetry={remove} />}
    </Dialog>
  );
}

/**
 * The saved audits of a workspace, newest first, with a way to delete older ones (after a
 * confirmation). The newest is kept: it is what the next audit will be compared with.
 */
export function SavedAudits({ workspaceId, audits, kept, onRemoved }: SavedAuditsProps) {
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [confirming, setConfirming] = useState<SavedAudit[] | null>(null);
  const newestFirst = audits.slice().reverse();
  const newest = newestFirst[0]?.snapshotId;
  const chosen = newestFirst.filter((a) => picked.has(a.snapshotId));
  const toggle = (id: number, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  return (
    <section aria-labelledby="saved-audits-title" className="history-block">
      <div className="section-header">
        <h3 id="saved-audits-title">Saved audits</h3>
        <div className="button-row">
          <button type="button" disabled={audits.length < 2} onClick={() => setConfirming(newestFirst.slice(1))}>
            Delete all but the newest…
          </button>
          <button type="button" className="danger" disabled={chosen.length === 0} onClick={() => setConfirming(chosen)}>
            {chosen.length > 0 ? `Delete ${plural(chosen.length, 'selected audit')}…` : 'Delete selected audits…'}
          </button>
        </div>
      </div>
      <p className="muted small">
        Stowage keeps the newest {kept} audits of each workspace on this computer and deletes older ones as new audits finish.
      </p>
      <table className="simple-table" aria-label="Saved audits">
        <thead>
          <tr>
            <th scope="col" className="col-pick">
              <span className="visually-hidden">Selected</span>
            </th>
            <th scope="col">Finished</th>
            <th scope="col" className="align-end">
              Files
            </th>
            <th scope="col" className="align-end">
              Total size
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((a) => (
            <tr key={a.snapshotId}>
              <td className="col-pick">
                {a.snapshotId !== newest && (
                  <input type="checkbox" aria-label={`Select the audit of ${formatAuditTime(a.finishedAt)}`} checked={picked.has(a.snapshotId)} onChange={(e) => toggle(a.snapshotId, e.target.checked)} />
                )}
              </td>
              <td>
                {formatAuditTime(a.finishedAt)}
                {a.snapshotId === newest && <span className="badge">Newest: kept</span>}
              </td>
              <td className="align-end">{a.fileCount.toLocaleString('en-US')}</td>
              <td className="align-end">{formatBytes(a.totalBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirming && (
        <ConfirmRemove
          workspaceId={workspaceId}
          audits={confirming}
          onClose={() => setConfirming(null)}
          onRemoved={() => {
            setPicked(new Set());
            onRemoved();
          }}
        />
      )}
    </section>
  );
}
