import { useState } from 'react';
import type { Preflight } from '../../../../shared/contract/uploads';
import { PROVIDERS } from '../../../../shared/models/providers';
import type { DuplicatePolicy } from '../../../../shared/models/uploads';
import type { Workspace } from '../../../../shared/models/workspaces';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { formatBytes, plural } from '../../lib/format';
import { useStartUploads } from '../../queries/uploads';
import type { LocalRejection } from './local-rejection';

export interface PreflightDialogProps {
  workspace: Workspace;
  localRejected: LocalRejection[];
  preflight: Preflight | null;
  checking: boolean;
  error: unknown;
  onClose: () => void;
}

const POLICIES: { value: DuplicatePolicy; label: string; help: string }[] = [
  { value: 'ask', label: 'Ask me', help: 'Pause on each file that is already stored and let me choose.' },
  { value: 'skip', label: 'Skip it', help: 'Keep the stored copy and do not send the file again.' },
  { value: 'upload', label: 'Upload it anyway', help: 'Send a second copy.' },
];

/**
 * The one confirmation per batch: what will be sent, where, with which purpose, what happens to
 * duplicates, and every file that will not be sent with the reason. Nothing leaves the computer
 * until the user presses Upload.
 */
export function PreflightDialog({ workspace, localRejected, preflight, checking, error, onClose }: PreflightDialogProps) {
  const provider = PROVIDERS[workspace.provider];
  const [purpose, setPurpose] = useState(workspace.defaultPurpose ?? provider.defaultPurpose);
  const [policy, setPolicy] = useState<DuplicatePolicy>('ask');
  const start = useStartUploads();
  const rejected = [...localRejected.map((r) => ({ path: r.name, reason: r.reason })), ...(preflight?.rejected ?? [])];
  const count = preflight?.count ?? 0;

  const submit = () => {
    if (!preflight) return;
    start.mutate({ preflightId: preflight.preflightId, purpose, duplicatePolicy: policy }, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={preflight ? `Upload ${plural(count, 'file')} to “${workspace.name}”?` : `Upload to “${workspace.name}”`}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!preflight || count === 0 || start.isPending} onClick={submit}>
            {start.isPending ? 'Starting…' : `Upload ${plural(count, 'file')}`}
          </button>
        </>
      }
    >
      {checking && <p role="status">Checking what you chose…</p>}
      {error !== null && <ErrorNotice message={errorText(error)} />}
      {preflight && (
        <>
          <p className="preflight-summary">
            <strong>{plural(count, 'file')}</strong>, {formatBytes(preflight.bytes)} in total, to {provider.label} (“{workspace.name}”).
          </p>
          {count > 0 && (
            <div className="form-grid">
              <label htmlFor="preflight-purpose">Purpose</label>
              <div>
                <select id="preflight-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
                  {provider.uploadPurposes.map((p) => (
                    <option key={p} value={p}>
                      {p}
                      {p === provider.defaultPurpose ? ' (default)' : ''}
                    </option>
                  ))}
                </select>
                <p className="help">What the files are for on {provider.label}. It decides where they can be used.</p>
              </div>
              <span id="dup-legend">If a file is already stored</span>
              <div role="radiogroup" aria-labelledby="dup-legend" className="radio-list">
                {POLICIES.map((p) => (
                  <label key={p.value} className="radio">
                    <input type="radio" name="duplicate-policy" value={p.value} checked={policy === p.value} onChange={() => setPolicy(p.value)} />
                    <span>
                      {p.label} <span className="help-inline">{p.help}</span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
          )}
          {preflight.notes.length > 0 && (
            <ul className="plain-list preflight-notes" aria-label="Good to know">
              {preflight.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          {count > 0 && (
            <details className="preflight-files">
              <summary>Show the {plural(count, 'file')}</summary>
              <ul className="plain-list scroll-list">
                {preflight.files.slice(0, 500).map((f) => (
                  <li key={f.path}>
                    {f.name} <span className="muted">{formatBytes(f.bytes)}</span>
                  </li>
                ))}
                {preflight.files.length > 500 && <li className="muted">and {plural(preflight.files.length - 500, 'more file')}</li>}
              </ul>
            </details>
          )}
        </>
      )}
      {rejected.length > 0 && (
        <section aria-labelledby="rejected-title" className="rejected">
          <h3 id="rejected-title">{plural(rejected.length, 'item')} will not be uploaded</h3>
          <ul className="plain-list scroll-list">
            {rejected.map((r, i) => (
              <li key={`${r.path}-${i}`}>
                <span className="rejected-name">{r.path}</span> — {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {start.isError && <ErrorNotice message={errorText(start.error)} onRetry={submit} />}
    </Dialog>
  );
}
