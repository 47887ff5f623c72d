import type { InventoryService } from '../../services/inventory/inventory-service';
import type { Handlers } from './types';

type InventoryHandlers = Pick<Handlers, 'inventory:start' | 'inventory:cancel' | 'inventory:result' | 'inventory:export'>;

/** The audit: start, cancel, fetch the report, export it through the save dialog. */
export function createInventoryHandlers(inventory: InventoryService): InventoryHandlers {
  return {
    'inventory:start': ({ workspaceId }) => inventory.start(workspaceId),
    'inventory:cancel': async ({ runId }) => ({ cancelled: inventory.cancel(runId) }),
    'inventory:result': async ({ runId }) => inventory.result(runId),
    'inventory:export': ({ runId, format }) => inventory.export(runId, format),
  };
}
