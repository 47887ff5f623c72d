import { formatBytes } from '../../../../shared/format';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { usePreviewText } from '../../queries/files';
import { shapeText } from './shape-text';

/** A round 64 kB, so the "showing the first…" note reads as a plain number. */
const MAX_BYTES = 64_000;
/**
 * Text, JSON and CSV previews from the first 64 kB main fetched. The text is shown as text
 * (React escapes it), never parsed as HTML, so a hostile file can only look odd, not act.
 */
export function TextPreview({ workspaceId, id, name }: { workspaceId: string; id: string; name: string }) {
  const text = usePreviewText(workspaceId, id, true, MAX_BYTES);
  if (text.isPending) return <p role="status">Loading preview…</p>;
  if (text.isError) return <ErrorNotice message={errorText(text.error)} onRetry={() => void text.refetch()} />;
  const shown = shapeText(text.data.text, name, text.data.contentType);
  return (
    <div className="text-preview">
      {text.data.truncated && <p className="muted small">Showing the first {formatBytes(MAX_BYTES)}.</p>}
      {shown.kind === 'csv' ? (
        <div className="csv-scroll" tabIndex={0} role="region" aria-label={`Contents of ${name}`}>
          <table className="csv-table">
            <tbody>
              {shown.rows.map((cells, r) => (
                <tr key={r}>
                  {cells.map((c, i) => (r === 0 ? <th key={i} scope="col">{c}</th> : <td key={i}>{c}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <pre className="text-content" tabIndex={0} aria-label={`Contents of ${name}`}>
          {shown.text}
        </pre>
      )}
    </div>
  );
}
