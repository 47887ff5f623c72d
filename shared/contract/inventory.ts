import { z } from 'zod';
import { invoke } from '../ipc/define';
import { RecordId } from '../models/bounds';
import { Sort, StoredFile } from '../models/files';

/** Most expiring files a report carries; `expiringSoonTotal` counts them all. */
export const MAX_EXPIRING_SHOWN = 100;
/** Most purposes a report lists one by one; the rest are added up under OTHER_PURPOSES. */
export const MAX_REPORT_PURPOSES = 100;
/** The row under which purposes beyond MAX_REPORT_PURPOSES are added up. */
export const OTHER_PURPOSES = '(other purposes)';
/** Longest purpose label a report carries (a provider's purposes are short words). */
export const MAX_PURPOSE_LABEL = 200;
/** Most rows one page of an audit's file list carries. */
export const MAX_INVENTORY_PAGE = 500;
/** Most rows one page of the old-files finder carries. */
export const MAX_STALE_PAGE = 100;
/** Most old files one "select all" hands over: as many as one `files:delete` takes. */
export const MAX_STALE_SELECTION = 100_000;
/** Oldest age the old-files finder asks about (a hundred years). */
export const MAX_AGE_DAYS = 36_500;

/** An audit's snapshot in the local catalogue: what the paged channels read from. */
const SnapshotId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Offset = z.number().int().min(0).max(1_000_000_000).default(0);
/** A purpose to filter by, or null for any. */
const PurposeFilter = z.string().min(1).max(MAX_PURPOSE_LABEL).nullable().default(null);
const Tally = { count: z.number().int().min(0), bytes: z.number().min(0) };

/**
 * A finished audit: totals, the two charts and what expires soon, never the files themselves
 * (a workspace may hold a million). The files are read a page at a time from its snapshot.
 */
export const InventoryReport = z.object({
  runId: z.string().max(100),
  snapshotId: SnapshotId,
  workspaceId: z.string().max(200),
  finishedAt: z.string().max(40),
  totalFiles: z.number().int(),
  totalBytes: z.number(),
  byPurpose: z.array(z.object({ purpose: z.string().max(MAX_PURPOSE_LABEL), ...Tally })).max(MAX_REPORT_PURPOSES + 1),
  ageBuckets: z.array(z.object({ label: z.string().max(40), ...Tally })).max(12),
  /** Soonest first, at most MAX_EXPIRING_SHOWN. */
  expiringSoon: z.array(StoredFile).max(MAX_EXPIRING_SHOWN),
  expiringSoonTotal: z.number().int().min(0),
});
export type InventoryReport = z.infer<typeof InventoryReport>;

/** One page of an audit's files, filtered and sorted, with how many match in all. */
export const InventoryFilesQuery = z.object({
  snapshotId: SnapshotId,
  search: z.string().max(500).default(''),
  purpose: PurposeFilter,
  sort: Sort.nullable().default(null),
  offset: Offset,
  limit: z.number().int().min(1).max(MAX_INVENTORY_PAGE).default(100),
});
export type InventoryFilesQuery = z.input<typeof InventoryFilesQuery>;

/**
 * "Older than N days, purpose P" over an audit. Ages count from when the audit finished, the
 * same clock as its "By age" chart, so the same question always names the same files.
 */
export const StaleQuery = z.object({
  snapshotId: SnapshotId,
  olderThanDays: z.number().int().min(0).max(MAX_AGE_DAYS),
  purpose: PurposeFilter,
});
export type StaleQuery = z.input<typeof StaleQuery>;

export const inventoryChannels = {
  'inventory:start': invoke(z.object({ workspaceId: RecordId }), z.object({ runId: z.string() })),
  'inventory:cancel': invoke(z.object({ runId: RecordId }), z.object({ cancelled: z.boolean() })),
  'inventory:result': invoke(z.object({ runId: RecordId }), InventoryReport),
  /** Asks main to choose a path with the save dialog and write the export; null path = user cancelled. */
  'inventory:export': invoke(
    z.object({ runId: RecordId, format: z.enum(['csv', 'json']) }),
    z.object({ path: z.string().nullable() }),
  ),
  /** A page of the audit's files (name search, purpose, sort), leaving out files deleted since. */
  'inventory:files': invoke(InventoryFilesQuery, z.object({ files: z.array(StoredFile).max(MAX_INVENTORY_PAGE), total: z.number().int().min(0) })),
  /** How many old files match, their size, and a page of them, oldest first. */
  'inventory:stale': invoke(
    StaleQuery.extend({ offset: Offset, limit: z.number().int().min(0).max(MAX_STALE_PAGE).default(10) }),
    z.object({ ...Tally, asOf: z.string().max(40), files: z.array(StoredFile).max(MAX_STALE_PAGE) }),
  ),
  /**
   * Every file the same question matches (oldest first, at most MAX_STALE_SELECTION), for the
   * bulk delete: the confirmation lists exactly these and deletes exactly their ids.
   */
  'inventory:selectStale': invoke(StaleQuery, z.object({ files: z.array(StoredFile).max(MAX_STALE_SELECTION), total: z.number().int().min(0) })),
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
