import type { EventPayload } from '../../../shared/contract';
import type { Workspace } from '../../../shared/models/workspaces';
import type { Connection } from '../workspaces/workspace-service';

/** The all-workspaces audit's progress, one line per workspace, as the window shows it. */
export type AllAuditProgress = EventPayload<'auditAll:progress'>;

/** Where the all-workspaces audit reports progress; the application core turns it into a contract event. */
export interface AllAuditEvents {
  progress(progress: AllAuditProgress): void;
}

/** The workspaces to audit and a connection to each (the workspace service in the app). */
export interface WorkspaceSource {
  list(): Promise<{ workspaces: Workspace[] }>;
  connect(workspaceId: string): Promise<Connection>;
}
