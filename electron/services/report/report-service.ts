import { writeFile, rename, unlink } from 'node:fs/promises';
import type { AllAuditReport } from '../../../shared/contract/audit-all';
import type { InventoryReport } from '../../../shared/contract/inventory';
import { AppError } from '../../../shared/errors';
import type { ProviderKind } from '../../../shared/models/providers';
import type { Catalogue } from '../catalogue';
import type { SavePathChooser } from '../inventory/ports';
import { renderReport, type ReportModel } from './report-document';
import { allReportModel, workspaceReportModel } from './report-model';

/** Which audit to report on, as the window asks. */
export type ReportRequest = { kind: 'workspace'; runId: string } | { kind: 'all'; runId: string; workspaceIds: readonly string[] | null };

/** Where the report's figures come from: the two audit services and the workspace list. */
export interface ReportSources {
  catalogue: Catalogue;
  inventoryResult(runId: string): InventoryReport;
  allResult(runId: string): AllAuditReport;
  workspace(id: string): Promise<{ name: string; provider: ProviderKind }>;
}

/**
 * "Save report…": main builds the HTML (escaped, self-contained) and writes it where the user
 * chooses with the save dialog, so the window never handles a path or the file's contents.
 */
export class ReportService {
  constructor(
    private readonly sources: ReportSources,
    private readonly savePaths: SavePathChooser,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The report's model, for tests and for the writer. */
  async model(request: ReportRequest): Promise<ReportModel> {
    if (request.kind === 'all') return allReportModel(this.sources.catalogue, this.sources.allResult(request.runId), request.workspaceIds, this.now());
    const report = this.sources.inventoryResult(request.runId);
    const workspace = await this.sources.workspace(report.workspaceId).catch(() => ({ name: report.workspaceId, provider: null }));
    return workspaceReportModel(this.sources.catalogue, report, workspace, this.now());
  }

  async save(request: ReportRequest): Promise<{ path: string | null }> {
    const model = await this.model(request);
    const path = await this.savePaths.pickSavePath({
      defaultName: `stowage-report-${model.countedAt.slice(0, 10)}.html`,
      filters: [{ name: 'Web page (HTML)', extensions: ['html'] }],
    });
    if (!path) return { path: null };
    const temp = `${path}.stowage-${process.pid}.tmp`;
    try {
      await writeFile(temp, renderReport(model), 'utf8');
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError('invalid_input', `The report could not be written there${code ? ` (${code})` : ''}. Choose another folder and try again.`);
    }
    return { path };
  }
}
