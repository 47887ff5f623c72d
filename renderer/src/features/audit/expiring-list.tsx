import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { formatDate, plural } from '../../lib/format';

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
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Expires</th>
                <th scope="col" className="align-end">
                  Size
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.slice(0, SHOWN).map((f) => (
                <tr key={f.id}>
                  <td>{f.name}</td>
                  <td className="expiring">{formatDate(f.expiresAt)}</td>
                  <td className="align-end">{formatBytes(f.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="muted">and {plural(more, 'more file')}</p>}
        </>
      )}
    </section>
  );
}
