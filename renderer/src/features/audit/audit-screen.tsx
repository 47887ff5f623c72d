import type { Workspace } from '../../../../shared/models/workspaces';
import { formatBytes } from '../../../../shared/format';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useInventoryRun } from '../../queries/inventory';
import type { Selection } from '../files-table/use-selection';
import { AuditHistory } from './audit-history';
import { AuditReport } from './audit-report';

export interface AuditScreenProps {
  workspace: Workspace;
  selection: Selection;
  onSelection: (next: Selection) => void;
}

/**
 * The audit: list every file in the workspace (with progress and Cancel, since a big account
 * takes a while), then show what is there and help clean it up.
 */
export function AuditScreen({ workspace, selection, onSelection }: AuditScreenProps) {
  const { run, start, cancel, report } = useInventoryRun(workspace.id);
  const state = run.progress?.state ?? (run.runId ? 'running' : null);
  const running = run.starting || state === 'running';

  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <div className="screen-header">
        <h1 id="audit-title">Audit “{workspace.name}”</h1>
        {!running && (
          <button type="button" className="primary" onClick={() => void start()}>
            {state ? 'Run the audit again' : 'Run audit'}
          </button>
        )}
      </div>
      {!state && !run.starting && !run.startError && (
        <p className="muted">The audit lists every file in this workspace, then shows totals by purpose and age, what expires soon, and which old files you could delete.</p>
      )}
      {run.startError !== null && <ErrorNotice message={errorText(run.startError)} onRetry={() => void start()} />}
      {running && (
        <div className="audit-progress">
          <ProgressBar label="Audit progress" value={null} />
          <p role="status">
            {run.progress
              ? `Listed ${plural(run.progress.files, 'file')} (${formatBytes(run.progress.bytes)}) from ${plural(run.progress.pages, 'page')} so far…`
              : run.runId
                ? 'Listing files…'
                : 'Starting the audit…'}
          </p>
          <button type="button" onClick={() => void cancel()} disabled={!run.runId}>
            Cancel audit
          </button>
        </div>
      )}
      {state === 'cancelled' && <p role="status">Audit cancelled after {plural(run.progress?.files ?? 0, 'file')}. Nothing was changed.</p>}
      {state === 'failed' && (
        <ErrorNotice message={`The audit stopped: ${run.progress?.error?.message ?? 'the provider did not answer.'}`} onRetry={() => void start()} retryLabel="Run again" />
      )}
      {state === 'done' && report.isPending && <p role="status">Preparing the report…</p>}
      {state === 'done' && report.isError && <ErrorNotice message={errorText(report.error)} onRetry={() => void report.refetch()} />}
      {state === 'done' && report.data && <AuditReport key={report.data.runId} workspace={workspace} report={report.data} selection={selection} onSelection={onSelection} />}
      {!running && <AuditHistory workspace={workspace} selection={selection} onSelection={onSelection} />}
    </section>
  );
}
