import { z } from 'zod';
import { invoke } from '../ipc/define';
import { RecordId } from '../models/bounds';
import { StoredFile } from '../models/files';

export const InventoryReport = z.object({
  runId: z.string(),
  workspaceId: z.string(),
  finishedAt: z.string(),
  totalFiles: z.number().int(),
  totalBytes: z.number(),
  byPurpose: z.array(z.object({ purpose: z.string(), count: z.number().int(), bytes: z.number() })),
  ageBuckets: z.array(z.object({ label: z.string(), count: z.number().int(), bytes: z.number() })),
  expiringSoon: z.array(StoredFile),
  files: z.array(StoredFile),
});
export type InventoryReport = z.infer<typeof InventoryReport>;

export const inventoryChannels = {
  'inventory:start': invoke(z.object({ workspaceId: RecordId }), z.object({ runId: z.string() })),
  'inventory:cancel': invoke(z.object({ runId: RecordId }), z.object({ cancelled: z.boolean() })),
  'inventory:result': invoke(z.object({ runId: RecordId }), InventoryReport),
  /** Asks main to choose a path with the save dialog and write the export; null path = user cancelled. */
  'inventory:export': invoke(
    z.object({ runId: RecordId, format: z.enum(['csv', 'json']) }),
    z.object({ path: z.string().nullable() }),
  ),
} as const;

export const inventoryEvents = {
  'inventory:progress': z.object({
    runId: z.string(),
    files: z.number().int(),
    bytes: z.number(),
    pages: z.number().int(),
    state: z.enum(['running', 'done', 'cancelled', 'failed']),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
} as const;
