/**
 * The local catalogue: one SQLite database holding every workspace's listings as snapshots, so
 * the file table (search, sort, filter over a whole workspace), the upload duplicate check, the
 * audit report, its history and the duplicate finder all read the same rows from disk instead of
 * each holding a full listing in memory. Plain Node: no Electron, no IPC.
 *
 * All calls are synchronous SQLite except listing (`ensureCurrent`) and `complete()`. Snapshot ids
 * are never reused. Queries accept only complete snapshots (CatalogueError 'not-complete').
 */
import type { StoredFile } from '../../../shared/models/files';
import { openDatabase } from '../../lib/sqlite';
import { Connection } from './connection';
import { Deletions } from './deletions';
import { Duplicates } from './duplicates';
import { Freshness } from './freshness';
import { SnapshotHistory } from './history';
import { SnapshotQueries } from './queries';
import { SnapshotReports } from './report';
import { applyPragmas, migrate } from './schema';
import { SnapshotStore } from './snapshots';
import {
  CatalogueError,
  type BeginOptions,
  type CatalogueOptions,
  type CatalogueReport,
  type DuplicatePage,
  type DuplicateQuery,
  type EnsureOptions,
  type FilePage,
  type FilterQuery,
  type Lister,
  type PageQuery,
  type Paging,
  type ReportOptions,
  type RetainOptions,
  type SnapshotDiff,
  type SnapshotInfo,
  type Tally,
  type TimelinePoint,
} from './types';
import type { SnapshotWriter } from './writer';

const DEFAULT_CACHE_MB = 32;

/** One catalogue per app: open it once in main, hand it to the services that read listings. */
export class Catalogue {
  private readonly store: SnapshotStore;
  private readonly freshness: Freshness;
  private readonly queries: SnapshotQueries;
  private readonly reports: SnapshotReports;
  private readonly history: SnapshotHistory;
  private readonly duplicates: Duplicates;
  private readonly deletions: Deletions;

  private constructor(
    private readonly conn: Connection,
    now: () => number,
  ) {
    this.store = new SnapshotStore(conn, now);
    this.freshness = new Freshness(this.store);
    this.queries = new SnapshotQueries(conn, this.store);
    this.reports = new SnapshotReports(conn, this.store);
    this.history = new SnapshotHistory(conn, this.store);
    this.duplicates = new Duplicates(conn, this.store);
    this.deletions = new Deletions(conn, this.store);
  }

  /**
   * Opens (creating or migrating) the catalogue at `path`. Listings that were running when the
   * app last stopped are marked failed and their rows dropped.
   */
  static async open(path: string, options: CatalogueOptions = {}): Promise<Catalogue> {
    const db = await openDatabase(path, options.binding);
    try {
      applyPragmas(db, options.cacheMb ?? DEFAULT_CACHE_MB);
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    const catalogue = new Catalogue(new Connection(db), options.now ?? Date.now);
    catalogue.store.recoverInterrupted();
    return catalogue;
  }

  /** Which SQLite binding serves this catalogue. */
  get binding() {
    return this.conn.binding;
  }

  /**
   * Closes the database. Listings in progress are aborted and open writers cancelled (their
   * partial rows dropped) first, so closing mid-listing never leaves a half snapshot behind.
   */
  close(): void {
    if (!this.conn.isOpen) return;
    this.freshness.abortAll(new CatalogueError('closed', 'the catalogue was closed'));
    this.store.cancelWriters();
    this.conn.close();
  }

  // Snapshots

  /** Starts a listing of a workspace (a routine 'listing' unless told 'audit'); feed it pages, then `complete()`, `fail()` or `cancel()` it. */
  begin(workspaceId: string, options: BeginOptions = {}): SnapshotWriter {
    return this.store.begin(workspaceId, options.kind ?? 'listing');
  }

  /**
   * Resolves once a complete snapshot's background indexes are built (sorting by name, size or
   * purpose is served by a scan until then); at once if there is nothing left to build.
   */
  indexed(snapshotId: number): Promise<void> {
    return this.store.indexes.whenBuilt(snapshotId);
  }

  /** One snapshot's record in any state (progress of a running listing, or why one ended), or null. */
  snapshot(snapshotId: number): SnapshotInfo | null {
    return this.store.get(snapshotId);
  }

  /** The workspace's newest complete snapshot: what the app shows as its listing. */
  current(workspaceId: string): SnapshotInfo | null {
    return this.store.current(workspaceId);
  }

  /** Snapshots newest first, in every state, of one workspace or all. */
  list(workspaceId?: string): SnapshotInfo[] {
    return this.store.list(workspaceId);
  }

  /** Drops a snapshot and its rows (cancelling it if it is still being written); false if there was none. */
  remove(snapshotId: number): boolean {
    return this.store.remove(snapshotId);
  }

  /**
   * Keeps the newest `keep` (≥ 1) complete snapshots of a workspace, counting one kind only if
   * asked, never dropping the current snapshot or `keepIds`; returns the ids removed.
   */
  retain(workspaceId: string, keep: number, options?: RetainOptions): number[] {
    return this.store.retain(workspaceId, keep, options);
  }

  // Staleness

  /** The one "files changed" signal: the current listing no longer counts as fresh. */
  markStale(workspaceId: string): void {
    this.freshness.markStale(workspaceId);
  }

  /** Whether the current snapshot can be shown as the listing: no change signalled since it started, and not older than `maxAgeMs`. */
  isFresh(workspaceId: string, maxAgeMs: number): boolean {
    return this.freshness.isFresh(workspaceId, maxAgeMs);
  }

  /** The current snapshot, listed first with `lister` unless fresh; concurrent callers share one run. */
  ensureCurrent(workspaceId: string, lister: Lister, options?: EnsureOptions): Promise<SnapshotInfo> {
    return this.freshness.ensureCurrent(workspaceId, lister, options);
  }

  // Queries on a snapshot

  /** One page of the file table: purpose filter, name search, sort, offset/limit, and the matching total. */
  page(snapshotId: number, query?: PageQuery): FilePage {
    return this.queries.page(snapshotId, query);
  }

  /** How many files match the filters and their bytes (the old-files finder's figures). */
  tally(snapshotId: number, query?: FilterQuery): Tally {
    return this.queries.tally(snapshotId, query);
  }

  /** Up to `limit` matching files in the query's order (a selection for a bulk delete; pages are what `page()` is for). */
  files(snapshotId: number, query: PageQuery, limit: number): StoredFile[] {
    return this.queries.files(snapshotId, query, limit);
  }

  /** The newest stored file with exactly this name and size: the upload pre-check where the provider has no hash lookup. */
  /** Every file with this exact name and size (newest first, at most `limit`). */
  allByNameSize(snapshotId: number, name: string, bytes: number, limit = 50): StoredFile[] {
    return this.queries.allByNameSize(snapshotId, name, bytes, limit);
  }

  findByNameSize(snapshotId: number, name: string, bytes: number): StoredFile | null {
    return this.queries.findByNameSize(snapshotId, name, bytes);
  }

  /** Every file, newest first, read in chunks (safe to await between files). */
  rows(snapshotId: number): Generator<StoredFile, void, undefined> {
    return this.queries.rows(snapshotId);
  }

  /** The audit report (the contract's InventoryReport), its expiring list cut to a first page. */
  report(snapshotId: number, options?: ReportOptions): CatalogueReport {
    return this.reports.report(snapshotId, options);
  }

  // History

  /** Added and removed files (count and bytes, by id) between two snapshots, with the totals before and after. */
  diff(fromSnapshotId: number, toSnapshotId: number): SnapshotDiff {
    return this.history.diff(fromSnapshotId, toSnapshotId);
  }

  /** The files added between two snapshots, newest first, a page at a time. */
  added(fromSnapshotId: number, toSnapshotId: number, paging?: Paging): FilePage {
    return this.history.added(fromSnapshotId, toSnapshotId, paging);
  }

  /** The files removed between two snapshots, newest first, a page at a time. */
  removed(fromSnapshotId: number, toSnapshotId: number, paging?: Paging): FilePage {
    return this.history.removed(fromSnapshotId, toSnapshotId, paging);
  }

  /** Complete snapshots of a workspace, oldest first. */
  timeline(workspaceId: string): TimelinePoint[] {
    return this.store.timeline(workspaceId);
  }

  // Deletions

  /** Records files this app deleted, so an audit's live view (`excludeDeleted`) leaves them out. */
  recordDeleted(workspaceId: string, fileIds: readonly string[]): void {
    this.deletions.record(workspaceId, fileIds);
  }

  /** Which of these ids (a page's worth) this app deleted from the workspace, as far as it recorded. */
  deletedAmong(workspaceId: string, fileIds: readonly string[]): Set<string> {
    return this.deletions.among(workspaceId, fileIds);
  }

  /** Forgets deletions older than every snapshot the workspace still has; returns how many. */
  pruneDeletions(workspaceId: string): number {
    return this.deletions.prune(workspaceId);
  }

  // Duplicates

  /** Records the MD5 of a file uploaded from this machine, so duplicates of it are found by content. */
  rememberHash(workspaceId: string, fileId: string, md5: string): void {
    this.duplicates.rememberHash(workspaceId, fileId, md5);
  }

  /** Records many known MD5s at once (one transaction); returns how many. */
  rememberHashes(entries: Iterable<{ workspaceId: string; fileId: string; md5: string }>): number {
    return this.duplicates.rememberHashes(entries);
  }

  /** A page of likely-duplicate groups (by content hash where known, else name and size), largest saving first. */
  duplicateGroups(snapshotId: number, query?: DuplicateQuery): DuplicatePage {
    return this.duplicates.groups(snapshotId, query);
  }

  /** The file ids to delete so that every duplicate group keeps only its newest file. */
  allButNewest(snapshotId: number, options?: { excludeDeleted?: boolean }): string[] {
    return this.duplicates.allButNewest(snapshotId, options);
  }

  /** The same selection as files (oldest first, at most `limit`), for a bulk delete's confirmation. */
  allButNewestFiles(snapshotId: number, options?: { excludeDeleted?: boolean; limit?: number }): StoredFile[] {
    return this.duplicates.allButNewestFiles(snapshotId, options);
  }
}
