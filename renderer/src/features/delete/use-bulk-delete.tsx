import { useCallback, useState, type ReactNode } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import type { Workspace } from '../../../../shared/models/workspaces';
import type { Selection } from '../files-table/use-selection';
import { DeleteDialog } from './delete-dialog';

/**
 * Bulk delete wired to a selection, shared by the file table and the audit: `open` snapshots the
 * selection into the confirmation (so later changes to the selection or the table cannot change
 * what is deleted) and `dialog` is the element to render.
 */
export function useBulkDelete(workspace: Workspace, selection: Selection, onDeleted: (ids: string[]) => void): { open: () => void; dialog: ReactNode } {
  const [deleting, setDeleting] = useState<StoredFile[] | null>(null);
  const open = useCallback(() => {
    if (selection.size > 0) setDeleting([...selection.values()]);
  }, [selection]);
  const dialog = deleting ? (
    <DeleteDialog workspaceId={workspace.id} workspaceName={workspace.name} files={deleting} onClose={() => setDeleting(null)} onDeleted={onDeleted} />
  ) : null;
  return { open, dialog };
}
