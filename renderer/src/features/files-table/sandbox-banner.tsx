import { useState } from 'react';
import { PROVIDERS } from '../../../../shared/models/providers';
import type { Workspace } from '../../../../shared/models/workspaces';
import { useWorkspaces } from '../../queries/workspaces';
import { WorkspaceForm } from '../settings/workspace-form';

/**
 * Says, on the Files screen itself, that the built-in workspace is a practice store on this
 * computer, so a newcomer never takes it for their provider account; and offers the one step
 * that gets them there (the add-workspace form).
 */
export function SandboxBanner({ workspace }: { workspace: Workspace }) {
  const workspaces = useWorkspaces();
  const [adding, setAdding] = useState(false);
  const label = PROVIDERS[workspace.provider].label;
  return (
    <div className="notice notice-info sandbox-banner" role="note" aria-label="About the Local sandbox">
      <p>
        <strong>This is the Local sandbox:</strong> a practice store on this computer. Nothing here reaches {label}.
      </p>
      <button type="button" onClick={() => setAdding(true)}>
        Add your account…
      </button>
      {adding && <WorkspaceForm existing={null} keychainAvailable={workspaces.data?.keychain !== 'unavailable'} onClose={() => setAdding(false)} />}
    </div>
  );
}
