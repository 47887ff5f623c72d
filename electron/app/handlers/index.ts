import type { ActivityLog } from '../../services/activity/activity-log';
import type { AllAuditService } from '../../services/audit-all/all-audit-service';
import type { ReportService } from '../../services/report/report-service';
import type { KnownSecrets } from '../../services/secrets/redact';
import type { FilesService } from '../../services/files/files-service';
import type { HistoryService } from '../../services/history/history-service';
import type { InventoryService } from '../../services/inventory/inventory-service';
import type { WorkspaceService } from '../../services/workspaces/workspace-service';
import type { UploadQueue } from '../../services/uploads/queue';
import { createAppHandlers, type AppServices } from './app';
import { createAuditAllHandlers } from './audit-all';
import { createFileHandlers } from './files';
import { createHistoryHandlers } from './history';
import { createInventoryHandlers } from './inventory';
import { redactErrors } from './redact-errors';
import { createReportHandlers } from './report';
import type { Handlers } from './types';
import { createUploadHandlers } from './uploads';
import { createWorkspaceHandlers } from './workspaces';

/** Everything the handler table needs, built by composeServices() (electron/app/compose.ts). */
export type Services = AppServices & {
  workspaces: WorkspaceService;
  files: FilesService;
  uploads: UploadQueue;
  inventory: InventoryService;
  auditAll: AllAuditService;
  reports: ReportService;
  history: HistoryService;
  activity: ActivityLog;
  /** Every key the services have handled, so errors leaving the table can be redacted. */
  secrets: KnownSecrets;
};

/**
 * Builds the whole handler table from plain services. Knows nothing of Electron, so the same
 * table serves ipcMain in the app and the WebSocket host in the browser harness.
 */
export function createHandlers(services: Services): Handlers {
  const table: Handlers = {
    ...createAppHandlers(services),
    ...createWorkspaceHandlers(services.workspaces),
    ...createFileHandlers(services.files),
    ...createUploadHandlers(services.uploads, services.activity, services.grants),
    ...createInventoryHandlers(services.inventory),
    ...createAuditAllHandlers(services.auditAll),
    ...createReportHandlers(services.reports),
    ...createHistoryHandlers(services.history),
  };
  return redactErrors(table, services.secrets);
}

export type { Handlers } from './types';
export { dispatch } from './dispatch';
