import { useState } from 'react';
import type { ReportRequest } from '../../../../shared/contract/report';
import { call } from '../../api';
import { errorText } from '../../lib/errors';

/**
 * "Save report…": main builds one self-contained HTML file (charts, totals, what changed since
 * the previous audit) and asks where to save it; the window only says where it went.
 */
export function SaveReportButton({ request }: { request: ReportRequest }) {
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const save = () => {
    setMessage('');
    setSaving(true);
    call('report:save', request)
      .then(({ path }) => setMessage(path ? `Report saved to ${path}` : 'Report not saved: the save was cancelled.'))
      .catch((error: unknown) => setMessage(`The report was not saved: ${errorText(error)}`))
      .finally(() => setSaving(false));
  };
  return (
    <div className="button-row">
      <button type="button" onClick={save} disabled={saving}>
        {saving ? 'Saving report…' : 'Save report…'}
      </button>
      <span role="status" className="small">
        {message}
      </span>
    </div>
  );
}
