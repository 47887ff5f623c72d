import { z } from 'zod';
import { invoke } from '../ipc/define';
import { LIMITS, Purpose, RecordId } from '../models/bounds';
import { GrantToken, MAX_GRANTS } from './grants';
import { DuplicatePolicy, Rejected, UploadItem, UploadSummary } from '../models/uploads';
import { ExpiresAfterSeconds } from '../models/expiry';

/**
 * Most files a pre-flight answer lists by name: the dialog shows this many and counts the rest.
 * Sending all of a 100,000-file drop to the window cost more than walking the folder.
 */
export const MAX_PREFLIGHT_LISTED = 500;

export const Preflight = z.object({
  preflightId: z.string(),
  workspaceId: z.string(),
  count: z.number().int(),
  bytes: z.number(),
  /** The first MAX_PREFLIGHT_LISTED files in walk order; `count` and `bytes` cover them all. */
  files: z.array(z.object({ path: z.string(), name: z.string(), bytes: z.number() })).max(MAX_PREFLIGHT_LISTED),
  rejected: z.array(Rejected),
  /** What the user should know before sending that refuses nothing (e.g. big files go in parts). */
  notes: z.array(z.string()).default([]),
});
export type Preflight = z.infer<typeof Preflight>;

/**
 * One line of the activity log: what was uploaded or deleted where, with the provider's file id.
 * `retried` marks a step of an upload still under way that was taken again: a part sent again, or
 * a big upload resumed or started over.
 */
export const ActivityEntry = z.object({
  at: z.string(),
  action: z.enum(['upload', 'delete']),
  workspaceId: z.string(),
  fileId: z.string().nullable(),
  name: z.string(),
  bytes: z.number().nullable(),
  outcome: z.enum(['ok', 'failed', 'skipped', 'retried']),
  detail: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

const ItemIdList = z.array(RecordId).max(LIMITS.batch);
const ItemIds = z.object({ itemIds: ItemIdList.optional() });

export const uploadChannels = {
  /**
   * Walks what the user dropped or picked (folders recursively) and reports what would be sent.
   * Takes grant tokens, never paths: each is spent here, and one that main did not hand out is
   * refused with `forbidden`.
   */
  'uploads:preflight': invoke(z.object({ workspaceId: RecordId, grants: z.array(GrantToken).min(1).max(MAX_GRANTS) }), Preflight),
  'uploads:start': invoke(
    z.object({
      preflightId: RecordId,
      purpose: Purpose,
      duplicatePolicy: DuplicatePolicy,
      /** Ask the provider to delete the files this long after upload; null or absent keeps them. */
      expiresAfterSeconds: ExpiresAfterSeconds.nullable().optional(),
    }),
    z.object({ batchId: z.string(), queued: z.number().int() }),
  ),
  'uploads:list': invoke(z.undefined(), z.object({ items: z.array(UploadItem), summary: UploadSummary })),
  /** No ids: cancel everything not finished. */
  'uploads:cancel': invoke(ItemIds, z.object({ cancelled: z.number().int() })),
  /** No ids: retry every failed item. */
  'uploads:retry': invoke(ItemIds, z.object({ retried: z.number().int() })),
  /** Paused items (restored after a restart) start again. No ids: all paused. */
  'uploads:resume': invoke(ItemIds, z.object({ resumed: z.number().int() })),
  /** Answers the "ask" duplicate policy for items waiting in the duplicate state. */
  'uploads:decide': invoke(
    z.object({ itemIds: ItemIdList.optional(), action: z.enum(['skip', 'upload']) }),
    z.object({ decided: z.number().int() }),
  ),
  'uploads:clearFinished': invoke(z.undefined(), z.object({ cleared: z.number().int() })),
  /** Recent uploads and deletes, with file ids, for the activity log. */
  'activity:list': invoke(z.object({ limit: z.number().int().min(1).max(5000).default(200) }), z.object({ entries: z.array(ActivityEntry) })),
} as const;

export const uploadEvents = {
  /** Changed items only, throttled (about 10 per second per item). */
  'uploads:progress': z.object({ items: z.array(UploadItem) }),
  'uploads:summary': UploadSummary,
} as const;
