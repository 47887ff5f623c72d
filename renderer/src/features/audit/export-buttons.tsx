import { useState } from 'react';
import { errorText } from '../../lib/errors';

export type ExportFormat = 'csv' | 'json';

/**
 * "Export CSV…" / "Export JSON…" with one status line, for every audit report: `save` asks main
 * to choose a path and write the file, and resolves to that path, or null when the user cancelled.
 */
export function ExportButtons({ save }: { save: (format: ExportFormat) => Promise<{ path: string | null }> }) {
  const [message, setMessage] = useState('');
  const run = (format: ExportFormat) => {
    setMessage(`Exporting ${format.toUpperCase()}…`);
    save(format)
      .then(({ path }) => setMessage(path ? `Saved to ${path}` : 'Export cancelled: nothing was saved.'))
      .catch((error: unknown) => setMessage(errorText(error)));
  };
  return (
    <div className="button-row">
      <button type="button" onClick={() => run('csv')}>
        Export CSV…
      </button>
      <button type="button" onClick={() => run('json')}>
        Export JSON…
      </button>
      <span role="status" className="small">
        {message}
      </span>
    </div>
  );
}
