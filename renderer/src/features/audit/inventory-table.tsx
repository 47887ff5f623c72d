import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Sort, SortKey, StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { SortHeader } from '../../components/sort-header';
import { SpacerRow, virtualPadding } from '../../components/spacer-row';
import { formatDate } from '../../lib/format';
import { ExpiryCell } from '../files-table/columns';
import { buildInventoryModel, inventoryView } from './inventory-model';

const ROW_HEIGHT = 32;

const HEADERS: { key: SortKey | 'expiresAt' | 'id'; label: string; sortable: boolean; end?: boolean }[] = [
  { key: 'name', label: 'Name', sortable: true },
  { key: 'bytes', label: 'Size', sortable: true, end: true },
  { key: 'purpose', label: 'Purpose', sortable: true },
  { key: 'createdAt', label: 'Uploaded', sortable: true },
  { key: 'expiresAt', label: 'Expires', sortable: false },
  { key: 'id', label: 'File ID', sortable: false },
];

export interface InventoryTableProps {
  files: readonly StoredFile[];
  hasExpiry: boolean;
}

/**
 * Every file the inventory found, filterable by name and sortable by column, at any size: the
 * model answers in one pass and only the rows in view exist in the page. Rows are keyed by their
 * slot in the window, not by file, so a long jump refills the same few dozen <tr>s instead of
 * tearing them down and building new ones.
 */
export function InventoryTable({ files, hasExpiry }: InventoryTableProps) {
  const model = useMemo(() => buildInventoryModel(files), [files]);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort | null>(null);
  const view = useMemo(() => inventoryView(model, filter, sort), [model, filter, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: view.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const headers = HEADERS.filter((h) => hasExpiry || h.key !== 'expiresAt');
  const items = virtualizer.getVirtualItems();
  const pad = virtualPadding(items, virtualizer.getTotalSize());

  return (
    <div className="inventory-table">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="Filter all files by name"
          placeholder="Filter by name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted" role="status" data-testid="inventory-count">
          {view.length === model.files.length
            ? `${model.files.length.toLocaleString('en-US')} files`
            : `${view.length.toLocaleString('en-US')} of ${model.files.length.toLocaleString('en-US')} files`}
        </span>
      </div>
      <div ref={scrollRef} className="table-scroll inventory-scroll" tabIndex={0} aria-label="All files (scrollable)">
        <table className="file-table" aria-label="All files" aria-rowcount={view.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {headers.map((h) => (
                <SortHeader
                  key={h.key}
                  label={h.label}
                  className={`col-${h.key}${h.end ? ' align-end' : ''}`}
                  sortKey={h.sortable ? (h.key as SortKey) : null}
                  sort={sort}
                  onSort={setSort}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={pad.top} colSpan={headers.length} />
            {items.map((item, slot) => {
              const file = model.files[view[item.index] as number];
              if (!file) return null;
              return (
                <tr key={slot} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <td className="col-name">
                    <span className="cell-name" title={file.name}>
                      {file.name}
                    </span>
                  </td>
                  <td className="col-bytes align-end">{formatBytes(file.bytes)}</td>
                  <td className="col-purpose">{file.purpose ?? 'none'}</td>
                  <td className="col-createdAt">{formatDate(file.createdAt)}</td>
                  {hasExpiry && (
                    <td className="col-expiresAt">
                      <ExpiryCell expiresAt={file.expiresAt} />
                    </td>
                  )}
                  <td className="col-id">
                    <code className="cell-id">{file.id}</code>
                  </td>
                </tr>
              );
            })}
            <SpacerRow height={pad.bottom} colSpan={headers.length} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
