/**
 * The all-workspaces export: every file of every chosen workspace, each row naming its
 * workspace and provider, streamed from the workspaces' audit snapshots one after another.
 */
import type { AllAuditReport, WorkspaceAudit } from '../../../shared/contract/audit-all';
import type { StoredFile } from '../../../shared/models/files';
import { CSV_COLUMNS, csvField, writeStreamed } from '../inventory/export';

/** The rows of one workspace, read lazily (the snapshot is opened when the export reaches it). */
export interface WorkspaceRows {
  workspace: WorkspaceAudit;
  rows(): Iterable<StoredFile>;
}

/** The columns that say whose file a row is, ahead of the single-workspace export's columns. */
export const WORKSPACE_COLUMNS = ['workspace', 'workspaceId', 'provider'] as const;

function* csvLines(parts: readonly WorkspaceRows[]): Iterable<string> {
  yield `${[...WORKSPACE_COLUMNS, ...CSV_COLUMNS.map(([name]) => name)].join(',')}\r\n`;
  for (const { workspace, rows } of parts) {
    const lead = [workspace.name, workspace.workspaceId, workspace.provider].map(csvField).join(',');
    for (const f of rows()) yield `${lead},${CSV_COLUMNS.map(([, value]) => csvField(value(f))).join(',')}\r\n`;
  }
}

function* jsonLines(report: AllAuditReport, parts: readonly WorkspaceRows[]): Iterable<string> {
  const head = { runId: report.runId, finishedAt: report.finishedAt, workspaces: parts.map((p) => p.workspace) };
  yield `${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "files": [\n')}`;
  let first = true;
  for (const { workspace, rows } of parts) {
    for (const file of rows()) {
      yield `${first ? '' : ',\n'}    ${JSON.stringify({ workspace: workspace.name, workspaceId: workspace.workspaceId, provider: workspace.provider, ...file })}`;
      first = false;
    }
  }
  yield `${first ? '' : '\n'}  ]\n}\n`;
}

/** Writes the chosen workspaces' files as CSV or JSON (a temporary file renamed into place). */
export function writeAllExport(path: string, report: AllAuditReport, parts: readonly WorkspaceRows[], format: 'csv' | 'json'): Promise<void> {
  return writeStreamed(path, format === 'csv' ? csvLines(parts) : jsonLines(report, parts));
}
