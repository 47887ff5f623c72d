import { lazy, Suspense, useEffect, useState } from 'react';
import { DropTarget } from './features/dropzone/drop-target';
import { UploadStarter } from './features/dropzone/upload-starter';
import { FilesScreen } from './features/files-table/files-screen';
import type { Selection } from './features/files-table/use-selection';
import { SettingsScreen } from './features/settings/settings-screen';
import { NoWorkspace } from './features/shell/no-workspace';
import { SandboxNotice } from './features/shell/sandbox-notice';
import { Sidebar, type Screen } from './features/shell/sidebar';
import { StatusBar } from './features/shell/status-bar';
import { UploadPanel } from './features/uploads/upload-panel';
import { useFileChanges } from './queries/files';
import { useUploadEvents } from './queries/uploads';
import { useActiveWorkspace } from './queries/workspaces';

const EMPTY: Selection = new Map();
const PREVIEW_HINT = 'To preview a file: its Preview button, a double-click, or Space';

/**
 * The audit (and its charts library) loads on first visit, so the first screen, the file table,
 * does not wait for code it does not show.
 */
const AuditScreen = lazy(() => import('./features/audit/audit-screen').then((m) => ({ default: m.AuditScreen })));
const AllWorkspacesAudit = lazy(() => import('./features/audit-all/all-workspaces-audit').then((m) => ({ default: m.AllWorkspacesAudit })));

function summarize(selection: Selection) {
  let bytes = 0;
  for (const file of selection.values()) bytes += file.bytes;
  return { count: selection.size, bytes };
}

/**
 * The window: workspace and screens on the left, the current screen, the upload queue docked
 * below it and the status bar at the bottom. The whole window accepts dropped files.
 */
export function App() {
  const [screen, setScreen] = useState<Screen>('files');
  const active = useActiveWorkspace();
  const [filesSelection, setFilesSelection] = useState<Selection>(EMPTY);
  const [auditSelection, setAuditSelection] = useState<Selection>(EMPTY);
  useUploadEvents();
  useFileChanges();

  const activeId = active?.id ?? null;
  useEffect(() => {
    setFilesSelection(EMPTY);
    setAuditSelection(EMPTY);
  }, [activeId]);

  let content;
  if (screen === 'settings') content = <SettingsScreen />;
  else if (screen === 'auditAll')
    content = (
      <Suspense fallback={<p role="status">Loading the audit…</p>}>
        <AllWorkspacesAudit />
      </Suspense>
    );
  else if (!active)
    content = (
      <div className="screen">
        <NoWorkspace onManage={() => setScreen('settings')} />
      </div>
    );
  else if (screen === 'audit')
    content = (
      <Suspense fallback={<p role="status">Loading the audit…</p>}>
        <AuditScreen key={active.id} workspace={active} selection={auditSelection} onSelection={setAuditSelection} />
      </Suspense>
    );
  else content = <FilesScreen key={active.id} workspace={active} selection={filesSelection} onSelection={setFilesSelection} />;

  const selection = screen === 'audit' ? auditSelection : screen === 'files' ? filesSelection : EMPTY;

  return (
    <UploadStarter workspace={active}>
      <DropTarget workspaceName={active?.name ?? null}>
        <div className="shell">
          <Sidebar screen={screen} onScreen={setScreen} />
          <div className="main-column">
            <SandboxNotice />
            <main className="content">{content}</main>
            <UploadPanel />
          </div>
          <StatusBar selection={summarize(selection)} hint={screen === 'files' && active ? PREVIEW_HINT : undefined} />
        </div>
      </DropTarget>
    </UploadStarter>
  );
}
