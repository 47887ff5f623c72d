import type { AllAuditService } from '../../services/audit-all/all-audit-service';
import type { Handlers } from './types';

type AuditAllHandlers = Pick<Handlers, 'auditAll:start' | 'auditAll:cancel' | 'auditAll:result' | 'auditAll:export'>;

/** "Audit all workspaces": start, cancel all, fetch the report, export every file with its workspace. */
export function createAuditAllHandlers(audits: AllAuditService): AuditAllHandlers {
  return {
    'auditAll:start': () => audits.start(),
    'auditAll:cancel': async ({ runId }) => ({ cancelled: audits.cancel(runId) }),
    'auditAll:result': async ({ runId }) => audits.result(runId),
    'auditAll:export': ({ runId, format, workspaceIds }) => audits.export(runId, format, workspaceIds),
  };
}
