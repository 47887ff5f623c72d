import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { SortKey, StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { ageInDays, formatDate, formatExactDate, formatTimeUntil } from '../../lib/format';

/** Data columns a user may show or hide: header, sort key, and whether figures line up on the right. */
export const DATA_COLUMNS: { id: string; label: string; sortKey: SortKey | null; expiryOnly?: boolean; end?: boolean }[] = [
  { id: 'name', label: 'Name', sortKey: 'name' },
  { id: 'bytes', label: 'Size', sortKey: 'bytes', end: true },
  { id: 'purpose', label: 'Purpose', sortKey: 'purpose' },
  { id: 'createdAt', label: 'Uploaded', sortKey: 'createdAt' },
  { id: 'expiresAt', label: 'Expires', sortKey: null, expiryOnly: true },
  { id: 'id', label: 'File ID', sortKey: null },
];

const helper = createColumnHelper<StoredFile>();

/**
 * Expiry at a glance ("in 3 days"), the exact moment in the title, flagging the ones that go
 * within a week. "Never" where the provider reports no expiry: it keeps the file until deleted.
 */
export function ExpiryCell({ expiresAt }: { expiresAt: string | null }) {
  if (!expiresAt) return <span className="muted">Never</span>;
  const days = -ageInDays(expiresAt);
  return (
    <span className={days <= 7 ? 'expiring' : undefined} title={`Expires ${formatExactDate(expiresAt)}`}>
      {formatTimeUntil(expiresAt)}
    </span>
  );
}

/**
 * The table's data columns. Sorting is manual (server-side or main's page sort), so these only
 * say how a cell looks; `enableSorting` marks the ones the contract can sort by.
 */
export function fileColumns(hasExpiry: boolean): ColumnDef<StoredFile, unknown>[] {
  return [
    helper.accessor('name', {
      header: 'Name',
      cell: (c) => (
        <span className="cell-name" title={c.getValue()}>
          {c.getValue()}
        </span>
      ),
    }),
    helper.accessor('bytes', { header: 'Size', cell: (c) => formatBytes(c.getValue()) }),
    helper.accessor('purpose', { header: 'Purpose', cell: (c) => c.getValue() ?? <span className="muted">none</span> }),
    helper.accessor('createdAt', { header: 'Uploaded', cell: (c) => formatDate(c.getValue()) }),
    ...(hasExpiry ? [helper.accessor('expiresAt', { header: 'Expires', cell: (c) => <ExpiryCell expiresAt={c.getValue()} />, enableSorting: false })] : []),
    helper.accessor('id', { header: 'File ID', cell: (c) => <code className="cell-id">{c.getValue()}</code>, enableSorting: false }),
  ] as ColumnDef<StoredFile, unknown>[];
}

/** The CSS classes of a column's header and cells (its id, and right alignment for figures). */
export function columnClass(id: string): string {
  return `col-${id}${DATA_COLUMNS.find((c) => c.id === id)?.end ? ' align-end' : ''}`;
}
