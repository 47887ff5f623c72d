import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { StoredFile } from '../../../../shared/models/files';
import type { Workspace } from '../../../../shared/models/workspaces';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useRefreshHistory, useSavedAudits } from '../../queries/history';
import { queryKeys } from '../../queries/keys';
import { useBulkDelete } from '../delete/use-bulk-delete';
import type { Selection } from '../files-table/use-selection';
import { PreviewPane } from '../preview/preview-pane';
import { DuplicatesPanel } from './duplicates-panel';
import { HistoryChart } from './history-chart';
import { SavedAudits } from './saved-audits';
import { SinceLastAudit } from './since-last-audit';

export interface AuditHistoryProps {
  workspace: Workspace;
  selection: Selection;
  onSelection: (next: Selection) => void;
}

/** The preview of a file picked from a list, beside the page; focus goes to it, and Close or Esc returns it. */
function SidePreview({ workspaceId, file, onClose }: { workspaceId: string; file: StoredFile; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [file.id]);
  return (
    <div
      className="history-preview"
      ref={ref}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <PreviewPane key={file.id} workspaceId={workspaceId} file={file} onClose={onClose} />
    </div>
  );
}

/**
 * What the saved audits of a workspace tell: its size over time, what changed since the last
 * audit, likely duplicates, and the saved audits themselves. Shown whenever an audit has been
 * saved, whether or not one ran in this session. Deleting files goes through the same bulk delete
 * and exact-ids confirmation as the rest of the app.
 */
export function AuditHistory({ workspace, selection, onSelection }: AuditHistoryProps) {
  const saved = useSavedAudits(workspace.id);
  const refresh = useRefreshHistory(workspace.id);
  const client = useQueryClient();
  const [preview, setPreview] = useState<{ file: StoredFile; from: HTMLElement | null } | null>(null);
  const audits = saved.data?.audits ?? [];
  const newest = audits[audits.length - 1];
  const bulkDelete = useBulkDelete(workspace, selection, (ids) => {
    onSelection(new Map());
    if (preview && ids.includes(preview.file.id)) setPreview(null);
    void refresh();
    if (newest) void client.invalidateQueries({ queryKey: queryKeys.inventorySnapshot(newest.snapshotId) });
  });
  const open = (file: StoredFile) => setPreview({ file, from: document.activeElement instanceof HTMLElement ? document.activeElement : null });
  const close = () => {
    preview?.from?.focus();
    setPreview(null);
  };

  if (saved.isError) return <ErrorNotice message={errorText(saved.error)} onRetry={() => void saved.refetch()} />;
  if (!saved.data) return <p role="status">Reading the saved audits…</p>;
  if (!newest) {
    return (
      <section aria-labelledby="history-title" className="audit-section">
        <h2 id="history-title">History</h2>
        <p className="empty-note">No saved audits yet. Each audit you run is kept on this computer, so the next one can show what changed.</p>
      </section>
    );
  }
  return (
    <>
      <section aria-labelledby="history-title" className="audit-section">
        <h2 id="history-title">History</h2>
        <HistoryChart workspaceName={workspace.name} audits={audits} />
        {audits.length < 2 ? (
          <p className="empty-note">No earlier audit to compare with yet — run the audit again later to see what changed.</p>
        ) : (
          <SinceLastAudit workspaceId={workspace.id} audits={audits} selection={selection} onSelection={onSelection} onOpen={open} onDelete={bulkDelete.open} />
        )}
        <SavedAudits workspaceId={workspace.id} audits={audits} kept={saved.data.kept} onRemoved={() => void refresh()} />
      </section>
      <DuplicatesPanel workspaceId={workspace.id} audit={newest} selection={selection} onSelection={onSelection} onOpen={open} onDelete={bulkDelete.open} />
      {preview && <SidePreview workspaceId={workspace.id} file={preview.file} onClose={close} />}
      {bulkDelete.dialog}
    </>
  );
}
