import { useEffect, useRef, useState } from 'react';
import type { Sort, StoredFile } from '../../../../shared/models/files';
import { PROVIDERS } from '../../../../shared/models/providers';
import type { Workspace } from '../../../../shared/models/workspaces';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useFilePage } from '../../queries/files';
import type { PageParams } from '../../queries/keys';
import { useBulkDelete } from '../delete/use-bulk-delete';
import { useUploadStarter } from '../dropzone/upload-starter';
import { PreviewPane } from '../preview/preview-pane';
import { useShortcuts } from '../shell/use-shortcuts';
import { useColumnVisibility } from './column-chooser';
import { FileTable } from './file-table';
import { FilesToolbar } from './files-toolbar';
import { Pager } from './pager';
import { usePaging } from './use-paging';
import { useRowSelection, type Selection } from './use-selection';

export interface FilesScreenProps {
  workspace: Workspace;
  selection: Selection;
  onSelection: (next: Selection) => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The home screen: the active workspace's files, one server page at a time, with the preview
 * pane beside it and bulk delete on the selection. Every parameter lives in the query key, so
 * going back to a page or filter shows the cached answer at once while it refreshes.
 */
export function FilesScreen({ workspace, selection, onSelection }: FilesScreenProps) {
  const provider = PROVIDERS[workspace.provider];
  const [pageSize, setPageSize] = useState<PageParams['pageSize']>(50);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [searchInput, setSearchInput] = useState('');
  const search = useDebounced(searchInput.trim(), 300);
  const [sort, setSort] = useState<Sort | null>(null);
  const [columns, setColumns] = useColumnVisibility();
  const [preview, setPreview] = useState<StoredFile | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const filterKey = JSON.stringify([workspace.id, pageSize, purpose, search, sort]);
  const paging = usePaging(provider, pageSize, filterKey);
  const { pick } = useUploadStarter();

  useEffect(() => {
    onSelection(new Map());
    setPreview(null);
  }, [filterKey, onSelection]);

  const params: PageParams = { workspaceId: workspace.id, pageSize, page: paging.page, purpose, search, sort };
  const query = useFilePage(params);
  const rows = query.data?.files ?? [];
  const rowSelection = useRowSelection(rows, selection, onSelection);

  const bulkDelete = useBulkDelete(workspace, selection, (ids) => {
    const next = new Map(selection);
    for (const id of ids) next.delete(id);
    onSelection(next);
    if (preview && ids.includes(preview.id)) setPreview(null);
  });
  const openDelete = bulkDelete.open;

  useShortcuts({
    onFind: () => searchRef.current?.focus(),
    onSelectAll: () => rowSelection.setAllOnPage(true),
    onDelete: openDelete,
  });

  const togglePreview = (file: StoredFile) => setPreview((current) => (current?.id === file.id ? null : file));
  const filtered = purpose !== null || search !== '';
  const notes: string[] = [];
  if (query.data && sort && !query.data.sortedAcrossPages) notes.push(`Sorted within this page: ${provider.label} cannot sort the whole listing.`);
  if (query.data?.filteredLocally) notes.push(`${provider.label} cannot filter this on its side, so Stowage searched the whole listing itself.`);

  let body;
  if (query.isPending) {
    body = <p className="table-state" role="status">Loading files…</p>;
  } else if (query.isError && !query.data) {
    body = <ErrorNotice message={errorText(query.error)} onRetry={() => void query.refetch()} />;
  } else if (rows.length === 0) {
    body = filtered ? (
      <div className="empty-state">
        <p className="empty-title">No files match these filters.</p>
        <button
          type="button"
          onClick={() => {
            setPurpose(null);
            setSearchInput('');
          }}
        >
          Clear filters
        </button>
      </div>
    ) : paging.pageNumber > 0 ? (
      <div className="empty-state">
        <p className="empty-title">This page is empty.</p>
        <button type="button" onClick={() => paging.jump(0)}>
          Go to page 1
        </button>
      </div>
    ) : (
      <div className="empty-state">
        <p className="empty-title">Drop files here to upload</p>
        <p className="muted">
          or{' '}
          <button type="button" className="link-button" onClick={() => pick(false)}>
            choose files
          </button>{' '}
          from your computer. Nothing is sent before you confirm.
        </p>
      </div>
    );
  } else {
    body = (
      <FileTable
        rows={rows}
        hasExpiry={provider.hasExpiry}
        sort={sort}
        onSort={setSort}
        columnVisibility={columns}
        selected={(id) => selection.has(id)}
        selection={rowSelection}
        previewId={preview?.id ?? null}
        onPreview={togglePreview}
        stale={query.isPlaceholderData}
      />
    );
  }

  return (
    <div className="files-screen">
      <div className="files-main">
        <FilesToolbar
          provider={provider}
          search={searchInput}
          onSearch={setSearchInput}
          searchRef={searchRef}
          purpose={purpose}
          onPurpose={setPurpose}
          columns={columns}
          onColumns={setColumns}
          selectedCount={selection.size}
          onDelete={openDelete}
        />
        {notes.map((note) => (
          <p key={note} className="table-note">
            {note}
          </p>
        ))}
        {query.isError && query.data && <ErrorNotice message={errorText(query.error)} onRetry={() => void query.refetch()} />}
        <div className="table-area">{body}</div>
        <Pager
          pageNumber={paging.pageNumber}
          pageSize={pageSize}
          rowsOnPage={rows.length}
          total={query.data?.total ?? null}
          hasMore={query.data?.hasMore ?? false}
          canJump={provider.canJumpToPage}
          busy={query.isFetching}
          onRefresh={() => void query.refetch()}
          onPageSize={setPageSize}
          onPrevious={paging.previous}
          onNext={() => paging.next(query.data?.nextCursor ?? null)}
          onJump={paging.jump}
        />
      </div>
      {preview && <PreviewPane key={preview.id} workspaceId={workspace.id} file={preview} onClose={() => setPreview(null)} />}
      {bulkDelete.dialog}
    </div>
  );
}
