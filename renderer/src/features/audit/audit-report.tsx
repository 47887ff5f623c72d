import { useMemo, useState } from 'react';
import { OTHER_PURPOSES, type InventoryReport } from '../../../../shared/contract/inventory';
import { PROVIDERS } from '../../../../shared/models/providers';
import type { Workspace } from '../../../../shared/models/workspaces';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { formatDate, plural } from '../../lib/format';
import { useRefreshAudit } from '../../queries/inventory';
import { useBulkDelete } from '../delete/use-bulk-delete';
import type { Selection } from '../files-table/use-selection';
import { useShortcuts } from '../shell/use-shortcuts';
import { AuditCharts } from './audit-charts';
import { ExpiringList } from './expiring-list';
import { InventoryTable } from './inventory-table';
import { ExportButtons } from './export-buttons';
import { SaveReportButton } from './save-report-button';
import { StaleFinder } from './stale-finder';

export interface AuditReportProps {
  workspace: Workspace;
  report: InventoryReport;
  selection: Selection;
  onSelection: (next: Selection) => void;
}


/**
 * The finished audit: totals, charts, what expires soon, the old-files finder and every file.
 * The figures are the audit's; the file list and the finder are read from it page by page and
 * leave out files deleted from here since, so those drop out at once (running the audit again
 * re-reads the provider for fresh figures).
 */
export function AuditReport({ workspace, report, selection, onSelection }: AuditReportProps) {
  const provider = PROVIDERS[workspace.provider];
  const [deletedIds, setDeletedIds] = useState<ReadonlySet<string>>(new Set());
  const refresh = useRefreshAudit(report.snapshotId);
  const expiring = useMemo(() => report.expiringSoon.filter((f) => !deletedIds.has(f.id)), [report.expiringSoon, deletedIds]);
  const purposes = useMemo(() => report.byPurpose.map((p) => p.purpose).filter((p) => p !== '(none)' && p !== OTHER_PURPOSES), [report.byPurpose]);
  const bulkDelete = useBulkDelete(workspace, selection, (ids) => {
    setDeletedIds((current) => new Set([...current, ...ids]));
    onSelection(new Map());
    void refresh();
  });
  const openDelete = bulkDelete.open;
  useShortcuts({ onDelete: openDelete });

  return (
    <>
      <div className="audit-summary">
        <p>
          <strong>{plural(report.totalFiles, 'file')}</strong>, {formatBytes(report.totalBytes)} in “{workspace.name}”, counted{' '}
          {formatDate(report.finishedAt)}.
          {deletedIds.size > 0 && ` ${plural(deletedIds.size, 'file')} deleted since; run the audit again to refresh the figures.`}
        </p>
        <ExportButtons save={(format) => call('inventory:export', { runId: report.runId, format })} />
        <SaveReportButton request={{ kind: 'workspace', runId: report.runId }} />
      </div>
      <AuditCharts report={report} />
      {provider.hasExpiry && <ExpiringList files={expiring} notListed={report.expiringSoonTotal - report.expiringSoon.length} />}
      <StaleFinder
        snapshotId={report.snapshotId}
        purposes={provider.listPurposes}
        selectedCount={selection.size}
        onSelect={(matches) => onSelection(new Map(matches.map((f) => [f.id, f])))}
        onDelete={openDelete}
      />
      <section aria-labelledby="all-files-title" className="audit-section">
        <h2 id="all-files-title">All files</h2>
        <InventoryTable snapshotId={report.snapshotId} hasExpiry={provider.hasExpiry} purposes={purposes} />
      </section>
      {bulkDelete.dialog}
    </>
  );
}
