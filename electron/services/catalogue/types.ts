/**
 * The catalogue's public shapes. Plain data (numbers for times, in ms since the epoch) so the
 * module stays free of Electron and IPC; the lead maps them onto the contracts in `shared/`.
 */
import type { InventoryReport } from '../../../shared/contract/inventory';
import type { Sort, StoredFile } from '../../../shared/models/files';
import type { SqlDatabase } from '../../lib/sqlite';

/** Where a snapshot is in its life: only `complete` ones are ever current or queryable. */
export type SnapshotState = 'running' | 'complete' | 'failed' | 'cancelled';

/**
 * What a snapshot was taken for. Routine listings (the file table, the duplicate check) come and
 * go; audits are the workspace's history. Each kind has its own retention, so listing the table
 * again and again never evicts an audit.
 */
export type SnapshotKind = 'listing' | 'audit';

/** One listing of a workspace. Counts are live while running, exact (deduplicated) once complete. */
export interface SnapshotInfo {
  id: number;
  workspaceId: string;
  kind: SnapshotKind;
  state: SnapshotState;
  /** ms since the epoch. */
  startedAt: number;
  /** ms since the epoch; null while running. */
  finishedAt: number | null;
  fileCount: number;
  totalBytes: number;
}

/**
 * Streams a workspace's listing into the catalogue: call `onPage` with each page as it arrives,
 * stop when `signal` aborts, resolve when the listing is complete. `onPage` throws once the run
 * is aborted, so a lister that ignores the signal still stops at its next page.
 */
export type Lister = (onPage: (files: readonly StoredFile[]) => void, signal: AbortSignal) => Promise<void>;

/** A window onto one snapshot, as the file table asks for it. */
export interface PageQuery {
  /** Only files with exactly this purpose; null or absent = all. */
  purpose?: string | null;
  /** Case-insensitive substring of the name; blank = no filter. */
  search?: string;
  /** Absent = newest first (the providers' natural order). */
  sort?: Sort | null;
  /** Only files created at or before this time (ms since the epoch); files with no readable date never match. */
  createdUpTo?: number | null;
  /** Leaves out files this app deleted (`recordDeleted`) since the listing: an audit's live view. */
  excludeDeleted?: boolean;
  offset?: number;
  /** At most MAX_PAGE_LIMIT; default 100. */
  limit?: number;
}

/** The filters of a PageQuery without its window or order: what `tally` and `files` count. */
export type FilterQuery = Pick<PageQuery, 'purpose' | 'search' | 'createdUpTo' | 'excludeDeleted'>;

/** A page of files and how many match the query in all. */
export interface FilePage {
  files: StoredFile[];
  total: number;
}

/** Offset/limit for the paged lists (added, removed, duplicate groups). */
export interface Paging {
  offset?: number;
  limit?: number;
}

/**
 * The audit report of one snapshot, in the contract's shape: totals and charts only, with
 * `expiringSoon` cut to `expiringLimit` entries (`expiringSoonTotal` counts them all); the files
 * themselves come a page at a time from `page()` and `rows()`.
 */
export type CatalogueReport = InventoryReport;

/** Options for `report()`. */
export interface ReportOptions {
  /** ms since the epoch that ages and expiry are measured from; default the catalogue's clock. */
  now?: number;
  expiringLimit?: number;
}

/** Options for `begin()`. */
export interface BeginOptions {
  /** Default 'listing'. */
  kind?: SnapshotKind;
}

/** Options for `retain()`. */
export interface RetainOptions {
  /** Only snapshots of this kind are counted and dropped; default every kind together. */
  kind?: SnapshotKind;
  /** Snapshots someone is still reading (a batch's duplicate check, an export): never dropped. */
  keepIds?: Iterable<number>;
}

/** A count of files and their bytes. */
export interface Tally {
  count: number;
  bytes: number;
}

/** What changed between two snapshots, by file id. */
export interface SnapshotDiff {
  fromSnapshotId: number;
  toSnapshotId: number;
  before: Tally;
  after: Tally;
  added: Tally;
  removed: Tally;
}

/** One point of a workspace's history (complete snapshots only). */
export interface TimelinePoint {
  snapshotId: number;
  kind: SnapshotKind;
  startedAt: number;
  finishedAt: number;
  fileCount: number;
  totalBytes: number;
}

/** Why files were put in one duplicate group. */
export type DuplicateBasis = 'content hash' | 'same name and size';

/** Files that are likely copies of one another. */
export interface DuplicateGroup {
  basis: DuplicateBasis;
  /** The shared MD5 for 'content hash' groups, else null. */
  md5: string | null;
  /** The shared name for 'same name and size' groups, else null. */
  name: string | null;
  /** Size of one copy. */
  bytes: number;
  copies: number;
  /** Bytes freed by deleting all copies but the newest. */
  reclaimableBytes: number;
  /** Newest first (the one `allButNewest` keeps is first), at most `filesPerGroup`. */
  files: StoredFile[];
}

/** A page of duplicate groups, largest saving first, with totals over all groups. */
export interface DuplicatePage {
  groups: DuplicateGroup[];
  totalGroups: number;
  totalReclaimableBytes: number;
}

/** Options for `duplicateGroups()`. */
export interface DuplicateQuery extends Paging {
  /** Files listed per group (the `copies` count is always exact); default 50. */
  filesPerGroup?: number;
  /** Leaves out files this app deleted since the listing (`recordDeleted`): the live view a clean-up needs. */
  excludeDeleted?: boolean;
}

/** Options for `Catalogue.open()`. */
export interface CatalogueOptions {
  /** Forces one SQLite binding (tests use it); default whichever the runtime has. */
  binding?: SqlDatabase['binding'];
  /** The clock, in ms since the epoch; tests pass a fake one. */
  now?: () => number;
  /** SQLite page cache (also the sort memory for building indexes), in MiB; default 32. */
  cacheMb?: number;
}

/** Options for `ensureCurrent()`. */
export interface EnsureOptions {
  /** A current snapshot older than this is listed again; default DEFAULT_MAX_AGE_MS. */
  maxAgeMs?: number;
  /** Stops waiting; the shared listing stops only when every caller waiting on it has. */
  signal?: AbortSignal;
}

/** Why a catalogue call could not be served. */
export type CatalogueErrorCode = 'closed' | 'not-found' | 'not-complete' | 'cancelled' | 'invalid';

/** An error from the catalogue, with a code the caller can branch on. */
export class CatalogueError extends Error {
  constructor(
    readonly code: CatalogueErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueError';
  }
}
