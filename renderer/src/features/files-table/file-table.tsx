import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Sort, StoredFile } from '../../../../shared/models/files';
import { SortHeader } from '../../components/sort-header';
import { SpacerRow, virtualPadding } from '../../components/spacer-row';
import { columnClass, DATA_COLUMNS, fileColumns } from './columns';
import type { useRowSelection } from './use-selection';

const ROW_HEIGHT = 36;

export interface FileTableProps {
  rows: StoredFile[];
  hasExpiry: boolean;
  sort: Sort | null;
  onSort: (sort: Sort | null) => void;
  columnVisibility: VisibilityState;
  selected: (id: string) => boolean;
  selection: ReturnType<typeof useRowSelection>;
  previewId: string | null;
  /** Its Preview button, a double-click, Space or Enter on a row: show (or hide) it in the preview pane. */
  onPreview: (file: StoredFile) => void;
  /** Dims the rows while the next page loads over the previous one. */
  stale: boolean;
}

/**
 * The visible way into the preview, on every row: a mouse user sees that files can be previewed
 * without knowing about double-click or Space. It stays out of the Tab order (the row's own
 * Enter and Space do the same), so a long page is not dozens of extra stops.
 */
function PreviewButton({ file, open, onPreview }: { file: StoredFile; open: boolean; onPreview: (file: StoredFile) => void }) {
  return (
    <button
      type="button"
      className="row-preview"
      tabIndex={-1}
      aria-label={`${open ? 'Hide preview of' : 'Preview'} ${file.name}`}
      title={open ? 'Hide the preview' : 'Preview (or double-click, or press Space)'}
      onClick={(event) => {
        event.stopPropagation();
        onPreview(file);
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <span aria-hidden="true">{open ? 'Hide' : 'Preview'}</span>
    </button>
  );
}

function toSorting(sort: Sort | null): SortingState {
  return sort ? [{ id: sort.by, desc: sort.dir === 'desc' }] : [];
}

/**
 * The file listing: a real <table> (headers, sort state and checkboxes are announced), with only
 * the rows in view rendered, so a 500-row page scrolls like a 25-row one. Sorting is manual: a
 * header click asks for a new page sorted by the server (or by main within the page).
 */
export function FileTable(props: FileTableProps) {
  const { rows, hasExpiry, sort, onSort, columnVisibility, selected, selection, previewId, onPreview, stale } = props;
  const columns = useMemo(() => fileColumns(hasExpiry), [hasExpiry]);
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    state: { sorting: toSorting(sort), columnVisibility },
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const wantFocus = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  useEffect(() => {
    if (focusIndex >= rows.length) setFocusIndex(Math.max(0, rows.length - 1));
  }, [focusIndex, rows.length]);

  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      wantFocus.current = false;
    }
  });

  const moveFocus = (to: number, shiftKey: boolean) => {
    const index = Math.max(0, Math.min(rows.length - 1, to));
    wantFocus.current = true;
    setFocusIndex(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    selection.click(index, { shiftKey, ctrlKey: false, metaKey: false });
  };

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    const file = rows[index];
    if (!file) return;
    if (event.key === ' ' || event.key === 'Enter') {
      if ((event.target as HTMLElement).tagName === 'INPUT') return;
      event.preventDefault();
      onPreview(file);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(index + (event.key === 'ArrowDown' ? 1 : -1), event.shiftKey);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveFocus(event.key === 'Home' ? 0 : rows.length - 1, event.shiftKey);
    }
  };

  const items = virtualizer.getVirtualItems();
  const pad = virtualPadding(items, virtualizer.getTotalSize());
  const visibleCount = table.getVisibleLeafColumns().length + 2;
  const tableRows = table.getRowModel().rows;

  return (
    <div ref={scrollRef} className={`table-scroll${stale ? ' is-stale' : ''}`}>
      <table className="file-table" aria-label="Files" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              <th className="col-select" scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={selection.allOnPage}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.someOnPage;
                  }}
                  onChange={(e) => selection.setAllOnPage(e.target.checked)}
                />
              </th>
              {group.headers.map((header) => (
                <Fragment key={header.id}>
                  <SortHeader
                    label={flexRender(header.column.columnDef.header, header.getContext())}
                    className={columnClass(header.column.id)}
                    sortKey={DATA_COLUMNS.find((c) => c.id === header.column.id)?.sortKey ?? null}
                    sort={sort}
                    onSort={onSort}
                  />
                  {header.column.id === 'name' && (
                    <th scope="col" className="col-preview">
                      <span className="visually-hidden">Preview</span>
                    </th>
                  )}
                </Fragment>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          <SpacerRow height={pad.top} colSpan={visibleCount} />
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            const file = row.original;
            const isSelected = selected(file.id);
            const classes = ['file-row', isSelected ? 'is-selected' : '', previewId === file.id ? 'is-previewed' : ''].join(' ');
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={classes}
                tabIndex={item.index === focusIndex ? 0 : -1}
                onFocus={() => setFocusIndex(item.index)}
                onClick={(e) => selection.click(item.index, e)}
                onDoubleClick={() => onPreview(file)}
                onKeyDown={(e) => onRowKey(e, item.index)}
                style={{ height: ROW_HEIGHT }}
              >
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${file.name}`}
                    checked={isSelected}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => selection.toggle(item.index, (e.nativeEvent as MouseEvent).shiftKey === true)}
                  />
                </td>
                {row.getVisibleCells().map((cell) => (
                  <Fragment key={cell.id}>
                    <td className={columnClass(cell.column.id)}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    {cell.column.id === 'name' && (
                      <td className="col-preview">
                        <PreviewButton file={file} open={previewId === file.id} onPreview={onPreview} />
                      </td>
                    )}
                  </Fragment>
                ))}
              </tr>
            );
          })}
          <SpacerRow height={pad.bottom} colSpan={visibleCount} />
        </tbody>
      </table>
    </div>
  );
}
