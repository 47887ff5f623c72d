import { useEffect, useRef, useState } from 'react';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { Sort, SortKey, StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { ErrorNotice } from '../../components/error-notice';
import { SortHeader } from '../../components/sort-header';
import { SpacerRow, virtualPadding } from '../../components/spacer-row';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useInventoryBlocks, useInventoryFirstBlock, useInventoryTotal } from '../../queries/inventory';
import { ExpiryCell } from '../files-table/columns';
import { PurposeSelect } from '../../components/purpose-select';

const ROW_HEIGHT = 32;
/** Rows per request: a few screens' worth, so a scroll asks for one or two blocks. */
const BLOCK = 100;
/** Typing pauses this long before the search is sent (each search scans the whole audit in main). */
const SEARCH_DELAY_MS = 150;

const HEADERS: { key: SortKey | 'expiresAt' | 'id'; label: string; sortable: boolean; end?: boolean }[] = [
  { key: 'name', label: 'Name', sortable: true },
  { key: 'bytes', label: 'Size', sortable: true, end: true },
  { key: 'purpose', label: 'Purpose', sortable: true },
  { key: 'createdAt', label: 'Uploaded', sortable: true },
  { key: 'expiresAt', label: 'Expires', sortable: false },
  { key: 'id', label: 'File ID', sortable: false },
];

export interface InventoryTableProps {
  /** The audit's snapshot in main's catalogue: where the rows are read from. */
  snapshotId: number;
  hasExpiry: boolean;
  /** Purposes the audit found, for the filter. */
  purposes: readonly string[];
}

/** The blocks the visible rows fall in. */
function blocksOf(items: readonly VirtualItem[]): number[] {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return [];
  const out: number[] = [];
  for (let b = Math.floor(first.index / BLOCK); b <= Math.floor(last.index / BLOCK); b += 1) out.push(b);
  return out;
}

function FileRow({ file, index, hasExpiry }: { file: StoredFile | undefined; index: number; hasExpiry: boolean }) {
  if (!file) {
    return (
      <tr aria-rowindex={index + 2} aria-busy="true" style={{ height: ROW_HEIGHT }}>
        <td className="col-name muted" colSpan={hasExpiry ? 6 : 5}>
          Loading…
        </td>
      </tr>
    );
  }
  return (
    <tr aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
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
}

/**
 * Every file the audit found, filterable by name and purpose and sortable by column, at any size:
 * main filters, sorts and counts in SQL, and the table asks only for the blocks of rows in view
 * as it scrolls. Rows are keyed by their slot in the window, not by file, so a long jump refills
 * the same few dozen <tr>s instead of tearing them down and building new ones.
 */
export function InventoryTable({ snapshotId, hasExpiry, purposes }: InventoryTableProps) {
  const [filter, setFilter] = useState('');
  const search = useDebounced(filter.trim(), SEARCH_DELAY_MS);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort | null>(null);
  const view = { snapshotId, search, purpose, sort };
  const first = useInventoryFirstBlock(view, BLOCK);
  const all = useInventoryTotal(snapshotId).data?.total ?? null;
  const count = first.data?.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const rest = useInventoryBlocks(view, blocksOf(items), BLOCK);
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [virtualizer, search, purpose, sort]);
  const headers = HEADERS.filter((h) => hasExpiry || h.key !== 'expiresAt');
  const pad = virtualPadding(items, virtualizer.getTotalSize());
  const rowAt = (index: number): StoredFile | undefined => {
    const block = Math.floor(index / BLOCK);
    const files = block === 0 ? (first.isPlaceholderData ? undefined : first.data?.files) : rest.loaded.get(block);
    return files?.[index % BLOCK];
  };
  const error = first.error ?? rest.error;

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
        <PurposeSelect purposes={purposes} value={purpose ?? ''} onChange={(next) => setPurpose(next || null)} ariaLabel="Filter all files by purpose" />
        <span className="muted" role="status" data-testid="inventory-count">
          {first.data === undefined || all === null
            ? 'Counting files…'
            : count === all
              ? `${all.toLocaleString('en-US')} files`
              : `${count.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} files`}
        </span>
      </div>
      {error !== null && <ErrorNotice message={errorText(error)} onRetry={() => {
            void first.refetch();
            rest.retry();
          }} />}
      <div ref={scrollRef} className="table-scroll inventory-scroll" tabIndex={0} aria-label="All files (scrollable)">
        <table className="file-table" aria-label="All files" aria-rowcount={count + 1}>
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
            {items.map((item, slot) => (
              <FileRow key={slot} file={rowAt(item.index)} index={item.index} hasExpiry={hasExpiry} />
            ))}
            <SpacerRow height={pad.bottom} colSpan={headers.length} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
