import { z } from 'zod';
import { invoke } from '../ipc/define';
import { LIMITS, RecordId } from '../models/bounds';
import { StoredFile } from '../models/files';

/** Most saved audits one workspace's history lists (the app keeps far fewer; see KEEP_AUDITS). */
export const MAX_SAVED_AUDITS = 100;
/** Most rows one page of "added" or "gone" files carries. */
export const MAX_CHANGES_PAGE = 500;
/** Most duplicate groups one page carries. */
export const MAX_DUPLICATE_PAGE = 100;
/** Most files listed per duplicate group (the group's `copies` count is always exact). */
export const MAX_FILES_PER_GROUP = 50;
/** Most files one "select" hands to the bulk delete: as many as one `files:delete` takes. */
export const MAX_HISTORY_SELECTION = LIMITS.batch;

/** An audit's snapshot in the local catalogue. */
const SnapshotId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Offset = z.number().int().min(0).max(1_000_000_000).default(0);
const Tally = z.object({ count: z.number().int().min(0), bytes: z.number().min(0) });

/** One saved audit of a workspace: when it finished and what it counted. */
export const SavedAudit = z.object({
  snapshotId: SnapshotId,
  /** ISO 8601. */
  finishedAt: z.string().max(40),
  fileCount: z.number().int().min(0),
  totalBytes: z.number().min(0),
});
export type SavedAudit = z.infer<typeof SavedAudit>;

/** What changed between two audits of one workspace, by file id, with the totals before and after. */
export const AuditDiff = z.object({ before: Tally, after: Tally, added: Tally, removed: Tally });
export type AuditDiff = z.infer<typeof AuditDiff>;

/** A file in an "added" or "gone" list; `deletedSince` when this app has deleted it after the audit. */
export const ChangedFile = StoredFile.extend({ deletedSince: z.boolean() });
export type ChangedFile = z.infer<typeof ChangedFile>;

/**
 * Why files were grouped: 'content' = the same MD5 (known for files uploaded from this machine),
 * a fact; 'name_size' = the same name and size, contents not compared, a guess.
 */
export const DuplicateBasis = z.enum(['content', 'name_size']);
export type DuplicateBasis = z.infer<typeof DuplicateBasis>;

export const DuplicateGroup = z.object({
  basis: DuplicateBasis,
  md5: z.string().max(64).nullable(),
  name: z.string().nullable(),
  /** Size of one copy. */
  bytes: z.number().min(0),
  copies: z.number().int().min(2),
  /** Bytes freed by deleting every copy but the newest. */
  reclaimableBytes: z.number().min(0),
  /** Newest first (the first is the one kept), at most the page's filesPerGroup. */
  files: z.array(StoredFile).max(MAX_FILES_PER_GROUP),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

const Selection = z.object({ files: z.array(StoredFile).max(MAX_HISTORY_SELECTION), total: z.number().int().min(0) });
const Pair = { fromSnapshotId: SnapshotId, toSnapshotId: SnapshotId };

export const historyChannels = {
  /** The workspace's saved audits, oldest first: the timeline, and the pairs to compare. */
  'history:audits': invoke(z.object({ workspaceId: RecordId }), z.object({ audits: z.array(SavedAudit).max(MAX_SAVED_AUDITS), kept: z.number().int().min(1) })),
  /** Counts and bytes added and gone between two audits of the same workspace. */
  'history:diff': invoke(z.object(Pair), AuditDiff),
  /** A page of the files added (or gone) between two audits, newest first. */
  'history:changes': invoke(
    z.object({ ...Pair, side: z.enum(['added', 'removed']), offset: Offset, limit: z.number().int().min(1).max(MAX_CHANGES_PAGE).default(50) }),
    z.object({ files: z.array(ChangedFile).max(MAX_CHANGES_PAGE), total: z.number().int().min(0) }),
  ),
  /**
   * Every added file still there (not deleted from here since), oldest first, at most
   * MAX_HISTORY_SELECTION: what the bulk delete is offered, exactly these ids.
   */
  'history:selectAdded': invoke(z.object(Pair), Selection),
  /** Deletes saved audits of a workspace (never its newest); answers the ids removed. */
  'history:removeAudits': invoke(
    z.object({ workspaceId: RecordId, snapshotIds: z.array(SnapshotId).min(1).max(MAX_SAVED_AUDITS) }),
    z.object({ removed: z.array(SnapshotId).max(MAX_SAVED_AUDITS) }),
  ),
  /** A page of likely-duplicate groups in an audit, largest saving first, less files deleted since. */
  'history:duplicates': invoke(
    z.object({
      snapshotId: SnapshotId,
      offset: Offset,
      limit: z.number().int().min(1).max(MAX_DUPLICATE_PAGE).default(20),
      filesPerGroup: z.number().int().min(1).max(MAX_FILES_PER_GROUP).default(10),
    }),
    z.object({ groups: z.array(DuplicateGroup).max(MAX_DUPLICATE_PAGE), totalGroups: z.number().int().min(0), totalReclaimableBytes: z.number().min(0) }),
  ),
  /** Every copy but the newest of each group (oldest first, at most MAX_HISTORY_SELECTION), for the bulk delete. */
  'history:selectDuplicates': invoke(z.object({ snapshotId: SnapshotId }), Selection),
} as const;
