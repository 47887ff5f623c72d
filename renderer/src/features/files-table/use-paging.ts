import { useCallback, useState } from 'react';
import type { PageRef } from '../../../../shared/contract/files';
import type { ProviderInfo } from '../../../../shared/models/providers';
import { advance, positionFor, START, type PagingState } from './paging-state';

/**
 * Where the table is in the listing, mapped to how the provider pages. Offset providers are
 * addressed by page number (so the user can jump); cursor and token providers by the cursors
 * collected on the way, so Previous goes back exactly and Next follows the server's cursor.
 * The position belongs to `filterKey`: when the filters change it is page 1 at once.
 */
export function usePaging(provider: ProviderInfo | null, pageSize: number, filterKey: string) {
  const [stored, setStored] = useState<PagingState>({ filterKey, ...START });
  const state = positionFor(stored, filterKey);
  // Remember the reset too (React's "adjust state while rendering"), so going back to earlier
  // filters starts at page 1 rather than at the page once reached under them.
  if (state !== stored) setStored(state);
  const { pageNumber, cursors } = state;

  const offset = provider?.pagination === 'offset';
  const page: PageRef = offset ? { kind: 'offset', index: pageNumber * pageSize } : { kind: 'cursor', cursor: cursors[pageNumber] ?? null };

  const next = useCallback((nextCursor: string | null) => setStored((s) => advance(positionFor(s, filterKey), nextCursor, !offset)), [offset, filterKey]);
  const previous = useCallback(() => setStored((s) => {
    const at = positionFor(s, filterKey);
    return { ...at, pageNumber: Math.max(0, at.pageNumber - 1) };
  }), [filterKey]);
  const jump = useCallback(
    (target: number) => {
      if (offset) setStored((s) => ({ ...positionFor(s, filterKey), pageNumber: Math.max(0, target) }));
    },
    [offset, filterKey],
  );

  return { page, pageNumber, next, previous, jump };
}
