import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useWorkspaces } from '../../queries/workspaces';

/** What the Files and Audit screens say when there is no workspace to show (and why). */
export function NoWorkspace({ onManage }: { onManage: () => void }) {
  const workspaces = useWorkspaces();
  if (workspaces.isPending) return <p role="status">Loading workspaces…</p>;
  if (workspaces.isError) {
    return <ErrorNotice message={errorText(workspaces.error)} onRetry={() => void workspaces.refetch()} />;
  }
  return (
    <div className="empty-state">
      <p className="empty-title">No workspace is in use</p>
      <p className="muted">Add the account you upload to, or pick one in the list at the top left.</p>
      <button type="button" className="primary" onClick={onManage}>
        Set up a workspace
      </button>
    </div>
  );
}
