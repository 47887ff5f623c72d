import { useState } from 'react';
import { PROVIDERS } from '../../../../shared/models/providers';
import type { Workspace } from '../../../../shared/models/workspaces';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useActivateWorkspace, useRemoveWorkspace, useWorkspaces } from '../../queries/workspaces';
import { WorkspaceForm } from './workspace-form';

function keyStatus(w: Workspace): string {
  if (w.builtIn) return 'Built in: no key needed';
  if (!w.hasKey) return 'No key saved';
  return w.keyStorage === 'session' ? 'Key kept for this session only' : 'Key in the system keychain';
}

/**
 * The accounts Stowage knows: add, edit, remove, switch. Keys are only ever described ("in the
 * keychain"), never displayed.
 */
export function SettingsScreen() {
  const workspaces = useWorkspaces();
  const activate = useActivateWorkspace();
  const [editing, setEditing] = useState<Workspace | 'new' | null>(null);
  const [removing, setRemoving] = useState<Workspace | null>(null);

  if (workspaces.isPending) return <p role="status">Loading workspaces…</p>;
  if (workspaces.isError) {
    return (
      <section className="screen" aria-labelledby="settings-title">
        <h1 id="settings-title">Workspaces</h1>
        <ErrorNotice message={errorText(workspaces.error)} onRetry={() => void workspaces.refetch()} />
      </section>
    );
  }
  const { workspaces: list, activeId, keychain } = workspaces.data;
  const keychainAvailable = keychain === 'available';

  return (
    <section className="screen" aria-labelledby="settings-title">
      <div className="screen-header">
        <h1 id="settings-title">Workspaces</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          Add workspace…
        </button>
      </div>
      <p className="muted">A workspace is one account on one provider. The one in use is shown at the top left.</p>
      {!keychainAvailable && (
        <p className="notice notice-info" role="status">
          Your system keychain is not available, so API keys are kept for this session only and must be entered again after Stowage quits.
        </p>
      )}
      {activate.isError && <ErrorNotice message={errorText(activate.error)} />}
      <ul className="workspace-list" aria-label="Workspaces">
        {list.map((w) => (
          <li key={w.id} className={`workspace-card${w.id === activeId ? ' is-active' : ''}`}>
            <div className="workspace-card-main">
              <h2 className="workspace-name">
                {w.name}
                {w.id === activeId && <span className="badge">In use</span>}
              </h2>
              <p className="muted small">
                {PROVIDERS[w.provider].label} · {w.baseUrl}
                {w.projectId ? ` · project ${w.projectId}` : ''}
                {w.folderId ? ` · folder ${w.folderId}` : ''}
              </p>
              <p className="small">
                {keyStatus(w)} · {w.concurrency === 1 ? '1 file at a time' : `up to ${w.concurrency} files at a time`}
              </p>
            </div>
            <div className="button-row">
              {w.id !== activeId && (
                <button type="button" onClick={() => activate.mutate(w.id)} aria-label={`Use ${w.name}`}>
                  Use
                </button>
              )}
              {!w.builtIn && (
                <>
                  <button type="button" onClick={() => setEditing(w)} aria-label={`Edit ${w.name}`}>
                    Edit…
                  </button>
                  <button type="button" className="danger-quiet" onClick={() => setRemoving(w)} aria-label={`Remove ${w.name}`}>
                    Remove…
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      {editing && (
        <WorkspaceForm existing={editing === 'new' ? null : editing} keychainAvailable={keychainAvailable} onClose={() => setEditing(null)} />
      )}
      {removing && <RemoveDialog workspace={removing} onClose={() => setRemoving(null)} />}
    </section>
  );
}

function RemoveDialog({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const remove = useRemoveWorkspace();
  return (
    <Dialog
      title={`Remove “${workspace.name}”?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(workspace.id, { onSuccess: onClose })}>
            Remove workspace
          </button>
        </>
      }
    >
      <p>Stowage forgets this workspace and deletes its saved key from this computer. The files stored on {PROVIDERS[workspace.provider].label} are not touched.</p>
      {remove.isError && <ErrorNotice message={errorText(remove.error)} />}
    </Dialog>
  );
}
