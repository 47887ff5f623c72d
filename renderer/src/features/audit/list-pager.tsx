/** Previous / "51–100 of 1,234" / Next under a paged list (props only). */
export function ListPager({ offset, pageSize, total, label, onPage }: { offset: number; pageSize: number; total: number; label: string; onPage: (offset: number) => void }) {
  if (total <= pageSize) return null;
  const last = Math.min(offset + pageSize, total);
  return (
    <nav className="button-row list-pager" aria-label={label}>
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
        ‹ Previous
      </button>
      <span className="muted small">
        {(offset + 1).toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onPage(offset + pageSize)}>
        Next ›
      </button>
    </nav>
  );
}
