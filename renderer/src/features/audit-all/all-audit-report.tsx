import { useMemo, useState } from 'react';
import type { AllAuditReport } from '../../../../shared/contract/audit-all';
import { combinedAges, combinedPurposes, grandTotal, totalsByProvider } from '../../../../shared/audit-totals';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { formatDate, plural } from '../../lib/format';
import { AuditCharts } from '../audit/audit-charts';
import { ExportButtons } from '../audit/export-buttons';
import { SaveReportButton } from '../audit/save-report-button';
import { providerLabel } from './progress-lines';


/**
 * The finished audit of every workspace: totals per workspace and per provider, one purpose and
 * one age chart across them, and a workspace filter that the charts, the totals, the export and
 * the saved report all follow.
 */
export function AllAuditReportView({ report }: { report: AllAuditReport }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => report.workspaces.filter((w) => !hidden.has(w.workspaceId)), [report.workspaces, hidden]);
  const counted = shown.filter((w) => w.state === 'done');
  const total = grandTotal(shown);
  const providers = totalsByProvider(shown);
  const charts = useMemo(() => ({ byPurpose: combinedPurposes(shown), ageBuckets: combinedAges(shown) }), [shown]);
  const filter = hidden.size === 0 ? null : shown.map((w) => w.workspaceId);
  const failed = report.workspaces.filter((w) => w.state !== 'done');
  const toggle = (id: string, on: boolean) =>
    setHidden((current) => {
      const next = new Set(current);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <div className="audit-summary">
        <p>
          <strong>{plural(total.count, 'file')}</strong>, {formatBytes(total.bytes)} in {plural(counted.length, 'workspace')}
          {hidden.size > 0 ? ` (${shown.length} of ${report.workspaces.length} shown)` : ''}, counted {formatDate(report.finishedAt)}.
          {failed.length > 0 && ` ${plural(failed.length, 'workspace')} could not be counted; see below.`}
        </p>
        <div className="audit-all-actions">
          <ExportButtons save={(format) => call('auditAll:export', { runId: report.runId, format, workspaceIds: filter })} />
          <SaveReportButton request={{ kind: 'all', runId: report.runId, workspaceIds: filter }} />
        </div>
      </div>
      <fieldset className="audit-all-filter">
        <legend>Show workspaces</legend>
        {report.workspaces.map((w) => (
          <label key={w.workspaceId}>
            <input type="checkbox" checked={!hidden.has(w.workspaceId)} onChange={(event) => toggle(w.workspaceId, event.target.checked)} />
            {w.name}
          </label>
        ))}
      </fieldset>
      <section aria-labelledby="per-workspace-title" className="audit-section">
        <h2 id="per-workspace-title">Totals per workspace</h2>
        <table className="chart-table audit-all-table">
          <caption className="visually-hidden">Totals per workspace</caption>
          <thead>
            <tr>
              <th scope="col">Workspace</th>
              <th scope="col">Provider</th>
              <th scope="col" className="align-end">
                Files
              </th>
              <th scope="col" className="align-end">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.workspaceId}>
                <th scope="row">{w.name}</th>
                <td>{providerLabel(w)}</td>
                {w.state === 'done' ? (
                  <>
                    <td className="align-end">{w.totalFiles.toLocaleString('en-US')}</td>
                    <td className="align-end">{formatBytes(w.totalBytes)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="error-text">
                    {w.state === 'cancelled' ? 'Not counted: cancelled.' : `Not counted: ${w.error?.message ?? 'the listing failed.'}`}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <h2 id="per-provider-title">Totals per provider</h2>
        <table className="chart-table audit-all-table" aria-labelledby="per-provider-title">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" className="align-end">
                Workspaces
              </th>
              <th scope="col" className="align-end">
                Files
              </th>
              <th scope="col" className="align-end">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.provider}>
                <th scope="row">{p.label}</th>
                <td className="align-end">{p.counted === p.workspaces ? p.workspaces : `${p.counted} of ${p.workspaces} counted`}</td>
                <td className="align-end">{p.count.toLocaleString('en-US')}</td>
                <td className="align-end">{formatBytes(p.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {counted.length > 0 ? <AuditCharts report={charts} /> : <p className="muted">No workspace shown was counted, so there is nothing to chart.</p>}
    </>
  );
}
