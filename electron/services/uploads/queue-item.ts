import { z } from 'zod';
import { DuplicatePolicy, UploadItem } from '../../../shared/models/uploads';

/**
 * An upload as the queue keeps it: the public item plus what the uploader needs to resume it
 * honestly (the file's size and mtime at pre-flight, the batch's duplicate policy, the hash once
 * known, and whether an earlier attempt may already have delivered it).
 */
export const QueueItem = UploadItem.extend({
  mtimeMs: z.number(),
  /** Device and inode at pre-flight (absent in queues saved before it was recorded). */
  fileKey: z.string().optional(),
  contentType: z.string(),
  policy: DuplicatePolicy,
  /** The user answered "upload anyway" for this duplicate. */
  forceUpload: z.boolean(),
  md5: z.string().nullable(),
  /** Bytes may have reached the provider without an answer: look for the file before resending. */
  maybeSent: z.boolean(),
  /** When the last attempt started (Unix ms), to recognise the file in a listing afterwards. */
  attemptStartedAt: z.number().nullable(),
  /**
   * The provider deletes the file this long after upload (`expires_after`); null keeps it. Saved
   * with the item so a resumed upload asks for the same expiry (absent in older saved queues).
   */
  expiresAfterSeconds: z.number().int().nullable().default(null),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** States an item never leaves by itself. */
export const FINISHED_STATES: ReadonlySet<string> = new Set(['done', 'kept', 'failed', 'cancelled', 'skipped']);
/** What "Clear finished" removes: failed items stay, so they can be retried. */
export { CLEARABLE_STATES } from '../../../shared/models/uploads';
/** States in which an item holds a worker slot. */
export const ACTIVE_STATES = new Set(['hashing', 'uploading', 'verifying']);

/** The item as the window sees it (no internal bookkeeping). */
export function publicItem(item: QueueItem): UploadItem {
  return {
    id: item.id,
    batchId: item.batchId,
    workspaceId: item.workspaceId,
    path: item.path,
    name: item.name,
    bytes: item.bytes,
    purpose: item.purpose,
    state: item.state,
    sentBytes: item.sentBytes,
    speedBps: item.speedBps,
    etaSeconds: item.etaSeconds,
    fileId: item.fileId,
    matchBasis: item.matchBasis,
    error: item.error,
    attempts: item.attempts,
  };
}

/**
 * How a finished item reads in the activity log: a copy the provider kept is not an upload, and
 * a skip is "already stored" only when the contents were compared.
 */
export function activityOutcome(item: QueueItem, providerLabel: string): { outcome: 'ok' | 'failed' | 'skipped'; detail: string | null } {
  const as = item.fileId ? ` as ${item.fileId}` : '';
  if (item.state === 'done') return { outcome: 'ok', detail: null };
  if (item.state === 'kept') return { outcome: 'skipped', detail: `${providerLabel} kept the existing copy${as} instead of storing a second one` };
  if (item.state === 'skipped' && item.matchBasis === 'name_size') {
    return { outcome: 'skipped', detail: `Skipped by choice: a file with the same name and size is stored${as} (contents not compared)` };
  }
  if (item.state === 'skipped') return { outcome: 'skipped', detail: `Already stored${as}` };
  return { outcome: 'failed', detail: item.error?.message ?? null };
}
