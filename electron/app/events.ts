import type { EventChannel, EventPayload } from '../../shared/contract';
import type { FileChanges } from '../services/files/ports';
import type { SandboxEvents } from '../services/local-sandbox/supervision';
import type { AllAuditEvents } from '../services/audit-all/ports';
import type { InventoryEvents } from '../services/inventory/ports';
import type { UploadEvents } from '../services/uploads/ports';

/** How the core pushes a contract event to the window, whatever the transport (Electron IPC or the harness socket). */
export type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/**
 * The one place where service sinks become contract events, so services never name a channel
 * and each event's payload is built in one spot.
 */
export function eventSinks(emit: Emit): { uploads: UploadEvents; inventory: InventoryEvents; auditAll: AllAuditEvents; files: FileChanges; sandbox: SandboxEvents } {
  return {
    uploads: {
      progress: (items) => emit('uploads:progress', { items }),
      summary: (summary) => emit('uploads:summary', summary),
    },
    inventory: { progress: (progress) => emit('inventory:progress', progress) },
    auditAll: { progress: (progress) => emit('auditAll:progress', progress) },
    files: { changed: (workspaceId) => emit('files:changed', { workspaceId }) },
    sandbox: { status: (change) => emit('sandbox:status', change) },
  };
}
