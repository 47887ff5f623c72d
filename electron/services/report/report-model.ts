/**
 * Builds what a saved report shows from an audit: the totals, the charts (added up across
 * workspaces for the all-workspaces audit) and, per workspace, what changed since its previous
 * saved audit, read from the catalogue's diff between the two snapshots.
 */
import type { AllAuditReport } from '../../../shared/contract/audit-all';
import type { InventoryReport } from '../../../shared/contract/inventory';
import { combinedAges, combinedPurposes, grandTotal, totalsByProvider } from '../../../shared/audit-totals';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import type { Catalogue } from '../catalogue';
import type { ReportChange, ReportModel } from './report-document';

/** Files each change list names; the counts always cover them all. */
export const CHANGED_FILES_LISTED = 50;

/** The newest complete audit of the workspace taken before `snapshotId`, or null. */
function previousAudit(catalogue: Catalogue, workspaceId: string, snapshotId: number) {
  const earlier = catalogue.list(workspaceId).filter((s) => s.kind === 'audit' && s.state === 'complete' && s.id < snapshotId);
  return earlier.reduce<(typeof earlier)[number] | null>((best, s) => (best === null || s.id > best.id ? s : best), null);
}

/** What changed in one workspace since its previous audit, or null when it has none. */
export function changeSince(catalogue: Catalogue, workspace: string, workspaceId: string, snapshotId: number): ReportChange | null {
  const previous = previousAudit(catalogue, workspaceId, snapshotId);
  if (!previous) return null;
  const diff = catalogue.diff(previous.id, snapshotId);
  const page = { offset: 0, limit: CHANGED_FILES_LISTED };
  const brief = (f: { name: string; bytes: number; purpose: string | null }) => ({ name: f.name, bytes: f.bytes, purpose: f.purpose });
  return {
    workspace,
    since: new Date(previous.finishedAt ?? previous.startedAt).toISOString(),
    before: diff.before,
    after: diff.after,
    added: { ...diff.added, files: catalogue.added(previous.id, snapshotId, page).files.map(brief) },
    removed: { ...diff.removed, files: catalogue.removed(previous.id, snapshotId, page).files.map(brief) },
  };
}

/** The report of one workspace's audit. */
export function workspaceReportModel(catalogue: Catalogue, report: InventoryReport, workspace: { name: string; provider: ProviderKind | null }, now: Date): ReportModel {
  const change = changeSince(catalogue, workspace.name, report.workspaceId, report.snapshotId);
  return {
    title: `Audit of “${workspace.name}”`,
    countedAt: report.finishedAt,
    generatedAt: now.toISOString(),
    scopeNote: null,
    total: { count: report.totalFiles, bytes: report.totalBytes },
    workspaces: [{ name: workspace.name, provider: workspace.provider ? PROVIDERS[workspace.provider].label : 'Unknown (the workspace was removed)', state: 'done', error: null, count: report.totalFiles, bytes: report.totalBytes }],
    providers: null,
    byPurpose: report.byPurpose.map((p) => ({ label: p.purpose, count: p.count, bytes: p.bytes })),
    byAge: report.ageBuckets,
    changes: change ? [change] : [],
    noPrevious: change ? [] : [workspace.name],
  };
}

/** The report of the all-workspaces audit, limited to `workspaceIds` when given (the window's filter). */
export function allReportModel(catalogue: Catalogue, report: AllAuditReport, workspaceIds: readonly string[] | null, now: Date): ReportModel {
  const shown = report.workspaces.filter((w) => workspaceIds === null || workspaceIds.includes(w.workspaceId));
  const changes: ReportChange[] = [];
  const noPrevious: string[] = [];
  for (const w of shown) {
    if (w.snapshotId === null) continue;
    const change = changeSince(catalogue, w.name, w.workspaceId, w.snapshotId);
    if (change) changes.push(change);
    else noPrevious.push(w.name);
  }
  return {
    title: 'Audit of all workspaces',
    countedAt: report.finishedAt,
    generatedAt: now.toISOString(),
    scopeNote: shown.length < report.workspaces.length ? `${shown.length} of ${report.workspaces.length} workspaces (filtered)` : null,
    total: grandTotal(shown),
    workspaces: shown.map((w) => ({
      name: w.name,
      provider: PROVIDERS[w.provider].label + (w.builtIn ? ' (on this computer)' : ''),
      state: w.state,
      error: w.error?.message ?? null,
      count: w.totalFiles,
      bytes: w.totalBytes,
    })),
    providers: totalsByProvider(shown),
    byPurpose: combinedPurposes(shown).map((p) => ({ label: p.purpose, count: p.count, bytes: p.bytes })),
    byAge: combinedAges(shown),
    changes,
    noPrevious,
  };
}
