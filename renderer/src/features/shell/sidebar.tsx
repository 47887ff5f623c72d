import { PROVIDERS } from '../../../../shared/models/providers';
import { useActivateWorkspace, useWorkspaces } from '../../queries/workspaces';
import { errorText } from '../../lib/errors';

/** The screens a user moves between; the file table is home. */
export type Screen = 'files' | 'audit' | 'auditAll' | 'settings';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'files', label: 'Files' },
  { id: 'audit', label: 'Audit' },
  { id: 'auditAll', label: 'Every workspace' },
  { id: 'settings', label: 'Workspaces' },
];

export interface SidebarProps {
  screen: Screen;
  onScreen: (screen: Screen) => void;
}

/**
 * Always shows which account the user is working in (name and provider) and lets them switch,
 * like the server list in a transfer client: uploading to the wrong account is the costly mistake.
 */
export function Sidebar({ screen, onScreen }: SidebarProps) {
  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">▣</span> Stowage
      </div>
      <WorkspaceSwitcher onManage={() => onScreen('settings')} />
      <nav aria-label="Screens" className="nav">
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            className="nav-item"
            aria-current={screen === s.id ? 'page' : undefined}
            onClick={() => onScreen(s.id)}
          >
            {s.label}
          </button>
        ))}
      </nav>
    </aside>
  );
}

function WorkspaceSwitcher({ onManage }: { onManage: () => void }) {
  const workspaces = useWorkspaces();
  const activate = useActivateWorkspace();

  if (workspaces.isPending) return <p className="switcher muted">Loading workspaces…</p>;
  if (workspaces.isError) {
    return (
      <div className="switcher">
        <p className="muted small">
          {errorText(workspaces.error)}
        </p>
      </div>
    );
  }
  const { workspaces: list, activeId } = workspaces.data;
  const active = list.find((w) => w.id === activeId);
  return (
    <div className="switcher">
      <label htmlFor="workspace-switcher" className="switcher-label">
        Workspace
      </label>
      {list.length === 0 ? (
        <button type="button" onClick={onManage}>
          Add a workspace
        </button>
      ) : (
        <select
          id="workspace-switcher"
          value={activeId ?? ''}
          disabled={activate.isPending}
          onChange={(event) => activate.mutate(event.target.value)}
        >
          {activeId === null && <option value="">Choose a workspace</option>}
          {list.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      )}
      {active && (
        <p className="switcher-provider small muted">
          {PROVIDERS[active.provider].label}
          {active.builtIn ? ' · on this computer' : ''}
        </p>
      )}
      {activate.isError && (
        <p className="small error-text" role="alert">
          {errorText(activate.error)}
        </p>
      )}
    </div>
  );
}
