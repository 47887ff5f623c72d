import { useState } from 'react';
import type { StoredFile } from '../../../../shared/models/files';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useChanges } from '../../queries/history';
import type { Selection } from '../files-table/use-selection';
import { ListPager } from './list-pager';
import { PickableFiles } from './pickable-files';

/** Files per page of an "added" or "gone" list. */
const PAGE = 50;

export interface ChangesListProps {
  workspaceId: string;
  fromSnapshotId: number;
  toSnapshotId: number;
  side: 'added' | 'removed';
  selection: Selection;
  onSelection: (next: Selection) => void;
  onOpen: (file: StoredFile) => void;
}

/**
 * The files added (or gone) between two saved audits, a page at a time from main, newest first.
 * Added files can be picked for the bulk delete and opened in the preview, unless they were
 * deleted from here since; gone files are listed for the record only.
 */
export function ChangesList({ workspaceId, fromSnapshotId, toSnapshotId, side, selection, onSelection, onOpen }: ChangesListProps) {
  const [offset, setOffset] = useState(0);
  const page = useChanges({ workspaceId, fromSnapshotId, toSnapshotId, side, offset, limit: PAGE });
  const added = side === 'added';
  const label = added ? 'Files added' : 'Files gone';
  if (page.isError) return <ErrorNotice message={errorText(page.error)} onRetry={() => void page.refetch()} />;
  if (!page.data) return <p role="status">Loading the list…</p>;
  if (page.data.total === 0) return <p className="muted">{added ? 'No files were added.' : 'No files are gone.'}</p>;
  const rows = page.data.files.map((file) => ({
    file,
    unavailable: added ? (file.deletedSince ? 'deleted from here since' : null) : file.deletedSince ? 'deleted from here' : null,
  }));
  return (
    <>
      <PickableFiles
        label={label}
        rows={rows}
        selectable={added}
        selection={selection}
        onSelection={onSelection}
        onOpen={added ? onOpen : undefined}
        stale={page.isPlaceholderData}
      />
      <ListPager offset={offset} pageSize={PAGE} total={page.data.total} label={`${label}: pages`} onPage={setOffset} />
    </>
  );
}
