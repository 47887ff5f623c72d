import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { formatDate, plural } from '../../lib/format';

const SHOWN = 50;

/** Files the provider will remove within seven days, soonest first, so nobody is surprised. */
export function ExpiringList({ files }: { files: readonly StoredFile[] }) {
  const sorted = [...files].sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
  return (
    <section aria-labelledby="expiring-title" className="audit-section">
      <h2 id="expiring-title">Expiring within 7 days</h2>
      {sorted.length === 0 ? (
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
          {sorted.length > SHOWN && <p className="muted">and {plural(sorted.length - SHOWN, 'more file')}</p>}
        </>
      )}
    </section>
  );
}
