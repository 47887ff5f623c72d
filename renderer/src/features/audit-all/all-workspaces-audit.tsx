import { useState } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useAllAuditRun } from '../../queries/audit-all';
import { AllAuditReportView } from './all-audit-report';
import { ProgressLines } from './progress-lines';

/**
 * "Audit all workspaces": lists every workspace at once (a few per provider at a time), one
 * progress line each, Cancel all; a workspace that fails says why while the others finish.
 * Each finished listing is saved as that workspace's audit, so its history counts it too.
 */
export function AllWorkspacesAudit() {
  const { run, start, cancel, report } = useAllAuditRun();
  const state = run.progress?.state ?? (run.runId ? 'running' : null);
  const running = run.starting || state === 'running';
  const lines = run.progress?.workspaces ?? [];
  const [cancelledRun, setCancelledRun] = useState<string | null>(null);
  const cancelling = run.runId !== null && cancelledRun === run.runId;

  return (
    <section className="screen audit-screen" aria-labelledby="audit-all-title">
      <div className="screen-header">
        <h1 id="audit-all-title">Audit all workspaces</h1>
        {!running && (
          <button type="button" className="primary" onClick={() => void start()}>
            {state ? 'Run it again' : 'Start the audit'}
          </button>
        )}
        {running && (
          <button
            type="button"
            onClick={() => {
              setCancelledRun(run.runId);
              void cancel();
            }}
            disabled={!run.runId || cancelling}
          >
            {cancelling ? 'Cancelling…' : 'Cancel all'}
          </button>
        )}
      </div>
      {!state && !run.starting && run.startError === null && (
        <p className="muted">
          Lists every workspace, the Local sandbox included, at the same time (at most two per provider at once), then shows totals per workspace and
          per provider and where the files are across all of them. Each workspace’s listing is saved as its own audit.
        </p>
      )}
      {run.startError !== null && <ErrorNotice message={errorText(run.startError)} onRetry={() => void start()} />}
      {running && lines.length === 0 && <p role="status">Starting the audit…</p>}
      {lines.length > 0 && <ProgressLines lines={lines} />}
      {running && lines.length > 0 && (
        <p role="status" className="small">
          {plural(lines.filter((l) => l.state !== 'waiting' && l.state !== 'running').length, 'workspace')} of {lines.length} finished…
        </p>
      )}
      {state === 'cancelled' && (
        <p role="status">Audit cancelled. Workspaces that had finished are counted below; nothing was changed.</p>
      )}
      {state !== null && state !== 'running' && report.isPending && <p role="status">Preparing the report…</p>}
      {report.isError && <ErrorNotice message={errorText(report.error)} onRetry={() => void report.refetch()} />}
      {state !== 'running' && report.data && <AllAuditReportView key={report.data.runId} report={report.data} />}
    </section>
  );
}
