import { useState, type FormEvent } from 'react';
import { PAGE_SIZES } from '../../../../shared/models/files';

export interface PagerProps {
  pageNumber: number;
  pageSize: (typeof PAGE_SIZES)[number];
  rowsOnPage: number;
  total: number | null;
  hasMore: boolean;
  /** Only offset-paged providers can go straight to page N. */
  canJump: boolean;
  busy: boolean;
  onPageSize: (size: (typeof PAGE_SIZES)[number]) => void;
  onPrevious: () => void;
  onNext: () => void;
  onJump: (pageNumber: number) => void;
  onRefresh: () => void;
}

/** Page size, where we are, Refresh, and the moves the provider allows (no fake page count where it gives none). */
export function Pager(props: PagerProps) {
  const { pageNumber, pageSize, rowsOnPage, total, hasMore, canJump, busy } = props;
  const [jumpTo, setJumpTo] = useState('');
  const first = pageNumber * pageSize + 1;
  const last = pageNumber * pageSize + rowsOnPage;
  const pageCount = total === null ? null : Math.max(1, Math.ceil(total / pageSize));

  const submitJump = (event: FormEvent) => {
    event.preventDefault();
    const n = Number.parseInt(jumpTo, 10);
    if (Number.isFinite(n) && n >= 1) {
      props.onJump(pageCount ? Math.min(n, pageCount) - 1 : n - 1);
      setJumpTo('');
    }
  };

  return (
    <nav className="pager" aria-label="Pages">
      <label className="inline-field">
        Rows per page
        <select value={pageSize} onChange={(e) => props.onPageSize(Number(e.target.value) as PagerProps['pageSize'])}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <span className="pager-position" aria-live="polite">
        {rowsOnPage > 0 ? `${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}` : 'No rows'}
        {total !== null ? ` of ${total.toLocaleString('en-US')}` : ''} · Page {pageNumber + 1}
        {pageCount !== null ? ` of ${pageCount.toLocaleString('en-US')}` : ''}
        {busy ? ' · loading…' : ''}
      </span>
      <button type="button" onClick={props.onRefresh} disabled={busy}>
        Refresh
      </button>
      <button type="button" onClick={props.onPrevious} disabled={pageNumber === 0}>
        ‹ Previous
      </button>
      <button type="button" onClick={props.onNext} disabled={!hasMore}>
        Next ›
      </button>
      {canJump && (
        <form className="inline-field" onSubmit={submitJump}>
          <label htmlFor="jump-to-page">Go to page</label>
          <input
            id="jump-to-page"
            type="number"
            min={1}
            max={pageCount ?? undefined}
            inputMode="numeric"
            value={jumpTo}
            onChange={(e) => setJumpTo(e.target.value)}
            className="jump-input"
          />
          <button type="submit" disabled={jumpTo === ''}>
            Go
          </button>
        </form>
      )}
    </nav>
  );
}
