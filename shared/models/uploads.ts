import { z } from 'zod';

export const UPLOAD_STATES = [
  'queued',
  'hashing',
  'uploading',
  'verifying',
  'done',
  'failed',
  'cancelled',
  'skipped',
  'paused',
  'duplicate',
  'kept',
] as const;
export const UploadState = z.enum(UPLOAD_STATES);
export type UploadState = z.infer<typeof UploadState>;

/**
 * What "Clear finished" removes: done, kept, skipped and cancelled. Failed items stay so they can
 * be retried, so the button counts these states only (main and the window share this one list).
 * `kept`: the bytes were sent, but the provider answered with the copy it already held.
 */
export const CLEARABLE_STATES: ReadonlySet<UploadState> = new Set<UploadState>(['done', 'kept', 'skipped', 'cancelled']);

export const DuplicatePolicy = z.enum(['ask', 'skip', 'upload']);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

const ErrorShape = z.object({ code: z.string(), message: z.string() });

/**
 * Why a stored file was taken for this one: 'content' (same bytes and purpose, a fact) or
 * 'name_size' (same name, size and purpose, contents not compared: a guess the user decides on).
 */
export const MatchBasis = z.enum(['content', 'name_size']);
export type MatchBasis = z.infer<typeof MatchBasis>;

export const UploadItem = z.object({
  id: z.string(),
  batchId: z.string(),
  workspaceId: z.string(),
  path: z.string(),
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  purpose: z.string(),
  state: UploadState,
  sentBytes: z.number().int().nonnegative(),
  /** Bytes per second over the last few seconds, 0 when idle. */
  speedBps: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  /** The provider's id once stored (or the existing id when skipped as a duplicate). */
  fileId: z.string().nullable(),
  /** For a duplicate (waiting or skipped): how the stored file at `fileId` was matched. */
  matchBasis: MatchBasis.nullable().default(null),
  error: ErrorShape.nullable(),
  attempts: z.number().int().nonnegative(),
  /**
   * Bytes already stored when a multipart upload was resumed ("Resumed at 1.2 GB of 3.0 GB"), or
   * null when this run started from the beginning.
   */
  resumedFrom: z.number().int().nonnegative().nullable().default(null),
  /** Something the user should know about this upload that is not a failure, in plain words. */
  notice: z.string().nullable().default(null),
});
export type UploadItem = z.infer<typeof UploadItem>;

export const UploadSummary = z.object({
  total: z.number().int(),
  queued: z.number().int(),
  active: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  skipped: z.number().int(),
  paused: z.number().int(),
  duplicate: z.number().int(),
  kept: z.number().int(),
  bytesTotal: z.number(),
  bytesSent: z.number(),
});
export type UploadSummary = z.infer<typeof UploadSummary>;

/** How many items "Clear finished" would remove, from the queue's totals. */
export function clearableCount(summary: UploadSummary): number {
  return summary.done + summary.kept + summary.skipped + summary.cancelled;
}

export const Rejected = z.object({ path: z.string(), reason: z.string() });
export type Rejected = z.infer<typeof Rejected>;
