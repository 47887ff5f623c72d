import { useState } from 'react';
import type { Preflight } from '../../../../shared/contract/uploads';
import { PROVIDERS, type ProviderInfo } from '../../../../shared/models/providers';
import type { DuplicatePolicy } from '../../../../shared/models/uploads';
import type { Workspace } from '../../../../shared/models/workspaces';
import { formatBytes } from '../../../../shared/format';
import { splitPath } from '../../../../shared/paths';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useStartUploads } from '../../queries/uploads';
import { ExpiryField } from './expiry-field';
import type { LocalRejection } from './local-rejection';

export interface PreflightDialogProps {
  workspace: Workspace;
  localRejected: LocalRejection[];
  preflight: Preflight | null;
  checking: boolean;
  error: unknown;
  onClose: () => void;
}

/** A refused item as the list shows it: its name, the folder it is in (none if not from disk), why. */
interface RefusedItem {
  name: string;
  folder: string;
  reason: string;
}

/**
 * The duplicate choices, worded for what the provider can compare: contents everywhere on VLM
 * Run; elsewhere only for files uploaded from this computer, so a same-name, same-size file is a
 * guess that always waits for the user, even under "skip".
 */
function policies(provider: ProviderInfo): { value: DuplicatePolicy; label: string; help: string }[] {
  return [
    { value: 'ask', label: 'Ask me', help: 'Pause on each file that may already be stored and let me choose.' },
    {
      value: 'skip',
      label: 'Skip exact copies',
      help: provider.contentLookup
        ? 'Do not send a file whose contents are already stored for this purpose.'
        : 'Do not send a file whose contents are known to be stored (uploaded from this computer). A file that only has the same name and size waits for you.',
    },
    {
      value: 'upload',
      label: 'Upload it anyway',
      help: provider.contentLookup
        ? `Send a second copy. ${provider.label} keeps one copy of the same contents and purpose; Stowage tells you when it does.`
        : 'Send a second copy.',
    },
  ];
}

/**
 * The one confirmation per batch: what will be sent, where, with which purpose, what happens to
 * duplicates, and every file that will not be sent with the reason. Nothing leaves the computer
 * until the user presses Upload.
 */
export function PreflightDialog({ workspace, localRejected, preflight, checking, error, onClose }: PreflightDialogProps) {
  const provider = PROVIDERS[workspace.provider];
  const [purpose, setPurpose] = useState(workspace.defaultPurpose ?? provider.defaultPurpose);
  const [policy, setPolicy] = useState<DuplicatePolicy>('ask');
  const [expiresAfterSeconds, setExpiresAfterSeconds] = useState<number | null>(null);
  const start = useStartUploads();
  const rejected: RefusedItem[] = [
    ...localRejected.map((r) => ({ name: r.name, folder: '', reason: r.reason })),
    ...(preflight?.rejected ?? []).map((r) => ({ ...splitPath(r.path), reason: r.reason })),
  ];
  const count = preflight?.count ?? 0;
  const settled = !checking && error === null && (preflight !== null || localRejected.length > 0);
  const nothing = settled && count === 0;

  const submit = () => {
    if (!preflight) return;
    start.mutate({ preflightId: preflight.preflightId, purpose, duplicatePolicy: policy, expiresAfterSeconds: provider.uploadExpiry ? expiresAfterSeconds : null }, { onSuccess: onClose });
  };

  return (
    <Dialog
      title={nothing ? (rejected.length > 0 ? 'None of these can be uploaded' : 'Nothing to upload') : preflight ? `Upload ${plural(count, 'file')} to “${workspace.name}”?` : `Upload to “${workspace.name}”`}
      onClose={onClose}
      wide
      footer={
        nothing ? (
          <button type="button" className="primary" onClick={onClose} data-autofocus>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!preflight || count === 0 || start.isPending} onClick={submit}>
              {start.isPending ? 'Starting…' : `Upload ${plural(count, 'file')}`}
            </button>
          </>
        )
      }
    >
      {checking && <p role="status">Checking what you chose…</p>}
      {error !== null && <ErrorNotice message={errorText(error)} />}
      {nothing && (
        <p className="preflight-summary">
          {rejected.length > 0
            ? `Nothing was sent to ${provider.label}. ${rejected.length === 1 ? 'The item below was' : 'Each item below was'} refused for the reason given; fix ${rejected.length === 1 ? 'it' : 'them'} and add ${rejected.length === 1 ? 'it' : 'them'} again.`
            : 'The folder you chose has no files in it, so nothing was sent.'}
        </p>
      )}
      {preflight && !nothing && (
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
              {provider.uploadExpiry && <ExpiryField provider={provider} purpose={purpose} value={expiresAfterSeconds} onChange={setExpiresAfterSeconds} />}
              <span id="dup-legend">If a file may already be stored</span>
              <div role="radiogroup" aria-labelledby="dup-legend" className="radio-list">
                {policies(provider).map((p) => (
                  <div key={p.value} className="radio-option">
                    <label className="radio">
                      <input
                        type="radio"
                        name="duplicate-policy"
                        value={p.value}
                        checked={policy === p.value}
                        onChange={() => setPolicy(p.value)}
                        aria-describedby={`policy-${p.value}-help`}
                      />
                      <span>{p.label}</span>
                    </label>
                    <span id={`policy-${p.value}-help`} className="help-inline">
                      {p.help}
                    </span>
                  </div>
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
                {preflight.files.map((f) => (
                  <li key={f.path}>
                    {f.name} <span className="muted">{formatBytes(f.bytes)}</span>
                  </li>
                ))}
                {count > preflight.files.length && <li className="muted">and {plural(count - preflight.files.length, 'more file')}</li>}
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
              <li key={`${r.folder}/${r.name}-${i}`}>
                {r.name && <span className="rejected-name">{r.name}</span>}
                {r.folder && <span className="muted"> in {r.folder}</span>}
                {r.name ? ' — ' : ''}
                {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {start.isError && <ErrorNotice message={errorText(start.error)} onRetry={submit} />}
    </Dialog>
  );
}
