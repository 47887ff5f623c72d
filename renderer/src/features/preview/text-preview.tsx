import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { usePreviewText } from '../../queries/files';

const MAX_BYTES = 65_536;
const MAX_CSV_ROWS = 200;

/** Splits CSV text into rows of cells, honouring quotes ("a, b" stays one cell and "" is a quote). */
export function parseCsv(text: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if ((cell !== '' || row.length > 0) && rows.length < maxRows) rows.push([...row, cell]);
  return rows;
}

type Shown = { kind: 'json'; text: string } | { kind: 'csv'; rows: string[][] } | { kind: 'plain'; text: string };

/** JSON is re-indented when it parses (a truncated file does not, and is shown as it is). */
export function shapeText(text: string, name: string, contentType: string | null): Shown {
  const type = contentType ?? '';
  const lower = name.toLowerCase();
  if (type.includes('json') || lower.endsWith('.json') || /^\s*[[{]/.test(text)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { kind: 'plain', text };
    }
  }
  if (type.includes('csv') || lower.endsWith('.csv')) return { kind: 'csv', rows: parseCsv(text, MAX_CSV_ROWS) };
  return { kind: 'plain', text };
}

/**
 * Text, JSON and CSV previews from the first 64 KB main fetched. The text is shown as text
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
