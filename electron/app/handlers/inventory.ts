import type { InventoryService } from '../../services/inventory/inventory-service';
import type { Handlers } from './types';

type InventoryHandlers = Pick<
  Handlers,
  'inventory:start' | 'inventory:cancel' | 'inventory:result' | 'inventory:export' | 'inventory:files' | 'inventory:stale' | 'inventory:selectStale'
>;

/** The audit: start, cancel, fetch the report, page its files, find old files, export through the save dialog. */
export function createInventoryHandlers(inventory: InventoryService): InventoryHandlers {
  return {
    'inventory:start': ({ workspaceId }) => inventory.start(workspaceId),
    'inventory:cancel': async ({ runId }) => ({ cancelled: inventory.cancel(runId) }),
    'inventory:result': async ({ runId }) => inventory.result(runId),
    'inventory:export': ({ runId, format }) => inventory.export(runId, format),
    'inventory:files': async (query) => inventory.files(query),
    'inventory:stale': async ({ offset, limit, ...question }) => inventory.stale(question, offset, limit),
    'inventory:selectStale': async (question) => inventory.selectStale(question),
  };
}
