import type { StoredFile } from '../../../../shared/models/files';
import { plural } from '../../lib/format';
import { DatedFileTable } from '../../components/dated-file-table';

const SHOWN = 50;

export interface ExpiringListProps {
  /** The first of them, soonest first (the report carries a limited list). */
  files: readonly StoredFile[];
  /** How many more expire than `files` lists. */
  notListed: number;
}

/** Files the provider will remove within seven days, soonest first, so nobody is surprised. */
export function ExpiringList({ files, notListed }: ExpiringListProps) {
  const sorted = [...files].sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
  const more = Math.max(0, sorted.length - SHOWN) + notListed;
  return (
    <section aria-labelledby="expiring-title" className="audit-section">
      <h2 id="expiring-title">Expiring within 7 days</h2>
      {sorted.length === 0 && notListed === 0 ? (
        <p className="muted">No file expires in the next 7 days.</p>
      ) : (
        <>
          <DatedFileTable files={sorted.slice(0, SHOWN)} dateLabel="Expires" dateOf={(f) => f.expiresAt} dateClassName="expiring" />
          {more > 0 && <p className="muted">and {plural(more, 'more file')}</p>}
        </>
      )}
    </section>
  );
}
