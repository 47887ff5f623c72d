import type { ReactNode } from 'react';
import type { Sort, SortKey } from '../../../shared/models/files';

/** Header clicks cycle ascending → descending → unsorted, as in every desktop file list. */
export function nextSort(sort: Sort | null, key: SortKey): Sort | null {
  if (!sort || sort.by !== key) return { by: key, dir: 'asc' };
  return sort.dir === 'asc' ? { by: key, dir: 'desc' } : null;
}

export interface SortHeaderProps {
  label: ReactNode;
  className: string;
  /** Null for a column that cannot be sorted. */
  sortKey: SortKey | null;
  sort: Sort | null;
  onSort: (next: Sort | null) => void;
}

/** A column header that announces its sort state (aria-sort) and sorts when pressed. */
export function SortHeader({ label, className, sortKey, sort, onSort }: SortHeaderProps) {
  const dir = sortKey && sort?.by === sortKey ? sort.dir : null;
  return (
    <th scope="col" className={className} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
      {sortKey ? (
        <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, sortKey))}>
          {label}
          <span aria-hidden="true" className="sort-mark">
            {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}
