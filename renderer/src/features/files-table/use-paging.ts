import { useCallback, useState } from 'react';
import type { PageRef } from '../../../../shared/contract/files';
import type { ProviderInfo } from '../../../../shared/models/providers';

/**
 * Where the table is in the listing, mapped to how the provider pages. Offset providers are
 * addressed by page number (so the user can jump); cursor and token providers by the cursors
 * collected on the way, so Previous goes back exactly and Next follows the server's cursor.
 */
export function usePaging(provider: ProviderInfo | null, pageSize: number) {
  const [pageNumber, setPageNumber] = useState(0);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);

  const offset = provider?.pagination === 'offset';
  const page: PageRef = offset
    ? { kind: 'offset', index: pageNumber * pageSize }
    : { kind: 'cursor', cursor: cursors[pageNumber] ?? null };

  const reset = useCallback(() => {
    setPageNumber(0);
    setCursors([null]);
  }, []);

  const next = useCallback(
    (nextCursor: string | null) => {
      if (!offset) {
        setCursors((list) => {
          const copy = list.slice(0, pageNumber + 1);
          copy.push(nextCursor);
          return copy;
        });
      }
      setPageNumber((n) => n + 1);
    },
    [offset, pageNumber],
  );

  const previous = useCallback(() => setPageNumber((n) => Math.max(0, n - 1)), []);

  const jump = useCallback(
    (target: number) => {
      if (offset) setPageNumber(Math.max(0, target));
    },
    [offset],
  );

  return { page, pageNumber, reset, next, previous, jump };
}
