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
import { DATA_COLUMNS } from './columns';
import { FileTable } from './file-table';
import { FilesToolbar } from './files-toolbar';
import { fitColumns } from './fit-columns';
import { Pager } from './pager';
import { SandboxBanner } from './sandbox-banner';
import { SortNote } from './sort-note';
import { usePaging } from './use-paging';
import { useRowSelection, type Selection } from './use-selection';
import { useWidth } from './use-width';

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

/** Room the table's scroll area keeps for its own border and a vertical scrollbar (px). */
const TABLE_CHROME = 18;

/** "No room for File ID and Uploaded beside the preview: …", naming the columns left out to fit. */
function hiddenNote(ids: readonly string[], previewOpen: boolean): string {
  const labels = ids.map((id) => DATA_COLUMNS.find((c) => c.id === id)?.label ?? id);
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : labels[0];
  return previewOpen
    ? `No room for ${list} beside the preview: close it or widen the window to show ${labels.length > 1 ? 'them' : 'it'}.`
    : `No room for ${list} in this window: widen it to show ${labels.length > 1 ? 'them' : 'it'}.`;
}

/**
 * The home screen: the active workspace's files, one server page at a time, with the preview
 * pane beside the table (the toolbar and the pager stay across the whole width, so neither wraps
 * when the pane opens) and bulk delete on the selection. Columns the table has no room for are
 * hidden deliberately, named above the table and in the Columns menu. Every parameter lives in the query key, so going back to a page
 * or filter shows the cached answer at once while it refreshes.
 */
export function FilesScreen({ workspace, selection, onSelection }: FilesScreenProps) {
  const provider = PROVIDERS[workspace.provider];
  const [pageSize, setPageSize] = useState<PageParams['pageSize']>(50);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [searchInput, setSearchInput] = useState('');
  const search = useDebounced(searchInput.trim(), 300);
  const [sort, setSortState] = useState<Sort | null>(null);
  const [wholeListing, setWholeListing] = useState(false);
  const [columns, setColumns] = useColumnVisibility();
  const [preview, setPreview] = useState<StoredFile | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableAreaRef = useRef<HTMLDivElement>(null);
  const tableWidth = useWidth(tableAreaRef);
  const fitted = fitColumns(columns, tableWidth === null ? null : tableWidth - TABLE_CHROME, provider.hasExpiry);
  const filterKey = JSON.stringify([workspace.id, pageSize, purpose, search, sort, wholeListing]);
  const setSort = (next: Sort | null) => {
    setSortState(next);
    if (next === null) setWholeListing(false);
  };
  const paging = usePaging(provider, pageSize, filterKey);
  const { pick } = useUploadStarter();

  useEffect(() => {
    onSelection(new Map());
    setPreview(null);
  }, [filterKey, onSelection]);

  const params: PageParams = { workspaceId: workspace.id, pageSize, page: paging.page, purpose, search, sort, wholeListing };
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
  if (fitted.hiddenToFit.length > 0 && rows.length > 0) notes.push(hiddenNote(fitted.hiddenToFit, preview !== null));
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
        columnVisibility={fitted.visibility}
        selected={(id) => selection.has(id)}
        selection={rowSelection}
        previewId={preview?.id ?? null}
        onPreview={togglePreview}
        stale={query.isPlaceholderData}
      />
    );
  }

  return (
    <div className={`files-screen${preview ? ' has-preview' : ''}`}>
      <div className="files-head">
        {workspace.builtIn && <SandboxBanner workspace={workspace} />}
        <FilesToolbar
          provider={provider}
          search={searchInput}
          onSearch={setSearchInput}
          searchRef={searchRef}
          purpose={purpose}
          onPurpose={setPurpose}
          columns={columns}
          onColumns={setColumns}
          hiddenToFit={fitted.hiddenToFit}
          selectedCount={selection.size}
          onDelete={openDelete}
        />
        {query.data && sort && (
          <SortNote
            provider={provider}
            acrossPages={query.data.sortedAcrossPages}
            wholeListing={wholeListing && query.data.total !== null}
            busy={query.isFetching}
            onSortAll={() => setWholeListing(true)}
          />
        )}
        {notes.map((note) => (
          <p key={note} className="table-note">
            {note}
          </p>
        ))}
        {query.isError && query.data && <ErrorNotice message={errorText(query.error)} onRetry={() => void query.refetch()} />}
      </div>
      <div className="files-main">
        <div className="table-area" ref={tableAreaRef}>
          {body}
        </div>
      </div>
      <div className="files-foot">
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
