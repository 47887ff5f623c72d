import { useMemo, useState } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useDeleteFiles } from '../../queries/files';
import { resultLine } from './result-line';

const SHOWN_NAMES = 8;

export interface DeleteDialogProps {
  workspaceId: string;
  workspaceName?: string;
  /** A snapshot taken when the dialog opened: exactly these ids are deleted, whatever the table shows by then. */
  files: readonly StoredFile[];
  onClose: () => void;
  onDeleted: (ids: string[]) => void;
}

/**
 * Bulk delete with a real confirmation: how many, how much, which ones. The ids sent are the
 * ones listed here, frozen when the dialog opened, so a table refresh in the meantime can never
 * widen or shift what is deleted. Afterwards it reports per file what happened.
 */
export function DeleteDialog({ workspaceId, workspaceName, files, onClose, onDeleted }: DeleteDialogProps) {
  const [frozen] = useState(() => files.slice());
  const remove = useDeleteFiles(workspaceId);
  const bytes = frozen.reduce((sum, f) => sum + f.bytes, 0);
  const byId = useMemo(() => new Map(frozen.map((f) => [f.id, f])), [frozen]);
  const results = remove.data?.results ?? null;
  const failed = results?.filter((r) => !r.ok) ?? [];

  const confirm = () =>
    remove.mutate(
      frozen.map((f) => f.id),
      { onSuccess: ({ results: r }) => onDeleted(r.filter((x) => x.ok).map((x) => x.id)) },
    );

  const title = results ? 'Delete finished' : `Delete ${plural(frozen.length, 'file')}?`;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        results ? (
          <button type="button" className="primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} data-autofocus>
              Cancel
            </button>
            <button type="button" className="danger" disabled={remove.isPending} onClick={confirm}>
              {remove.isPending ? 'Deleting…' : `Delete ${plural(frozen.length, 'file')}`}
            </button>
          </>
        )
      }
    >
      {!results && (
        <>
          <p>
            <strong>{plural(frozen.length, 'file')}</strong> ({formatBytes(bytes)}) will be deleted from{' '}
            {workspaceName ? `“${workspaceName}”` : 'this workspace'}. This cannot be undone.
          </p>
          <ul className="plain-list delete-names" aria-label="Files to delete">
            {frozen.slice(0, SHOWN_NAMES).map((f) => (
              <li key={f.id}>
                {f.name} <span className="muted">{formatBytes(f.bytes)}</span>
              </li>
            ))}
          </ul>
          {frozen.length > SHOWN_NAMES && <p className="muted">and {plural(frozen.length - SHOWN_NAMES, 'more file')}</p>}
        </>
      )}
      {remove.isError &&
        <ErrorNotice message={errorText(remove.error)} onRetry={confirm} />}
      {results && (
        <>
          <p role="status" className="result-line">
            {resultLine(results)}
          </p>
          {failed.length > 0 && (
            <ul className="plain-list scroll-list" aria-label="Files that were not deleted">
              {failed.map((r) => (
                <li key={r.id}>
                  {byId.get(r.id)?.name ?? r.id} — {r.error?.message ?? 'Unknown error.'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  );
}
