/**
 * The one owner of each workspace's listing. The file table's whole-workspace views, the upload
 * duplicate check and the audit all get their listing here, as a snapshot in the catalogue on
 * disk; this service decides when to list again (the catalogue's freshness: a change signal or
 * age), makes concurrent callers share one listing, and applies retention.
 *
 * Retention: each snapshot has a kind. Routine listings (table, duplicate check) keep the newest
 * KEEP_LISTINGS per workspace; audits keep the newest KEEP_AUDITS, counted apart, so however often
 * the table is refreshed an audit's history stays. The current snapshot (the newest complete of
 * either kind) and snapshots someone holds (`hold`: a running upload batch, an export being
 * written) are never dropped. Deletions this app made are forgotten once no kept snapshot predates them.
 */
import type { Catalogue, Lister, SnapshotInfo } from '../catalogue';
import type { ProviderAdapter } from '../providers/types';
import { streamListing } from './stream-listing';

/** How old the current listing may be before the table or the duplicate check lists again (changes made outside the app). */
export const LISTING_MAX_AGE_MS = 60_000;
/** Routine listings kept per workspace: the current one and the one before (a reader may still be paging it). */
export const KEEP_LISTINGS = 2;
/** Audits kept per workspace, whatever the table does: the workspace's history. */
export const KEEP_AUDITS = 5;

/** Tuning for tests and benchmarks; the defaults are the app's. */
export interface ListingsOptions {
  maxAgeMs?: number;
  keepListings?: number;
  keepAudits?: number;
  /** Pages in flight at once for skip/limit providers. */
  parallel?: number;
}

/** Stop and progress for an audit's listing. */
export interface AuditOptions {
  signal?: AbortSignal;
  /** Each page as it is stored (for progress). */
  onPage?(files: readonly { bytes: number }[]): void;
}

/** Hands out each workspace's listing from the catalogue; the only module that starts listings. */
export class WorkspaceListings {
  private readonly holds = new Map<number, number>();
  private readonly maxAgeMs: number;
  private readonly keepListings: number;
  private readonly keepAudits: number;

  constructor(
    readonly catalogue: Catalogue,
    private readonly options: ListingsOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? LISTING_MAX_AGE_MS;
    this.keepListings = options.keepListings ?? KEEP_LISTINGS;
    this.keepAudits = options.keepAudits ?? KEEP_AUDITS;
  }

  /**
   * The workspace's current listing: the newest snapshot if it is fresh, else a new listing read
   * from the provider (shared with anyone else asking meanwhile). `signal` stops this caller's wait.
   */
  async current(workspaceId: string, adapter: ProviderAdapter, signal?: AbortSignal): Promise<SnapshotInfo> {
    const info = await this.catalogue.ensureCurrent(workspaceId, this.lister(adapter), { maxAgeMs: this.maxAgeMs, signal });
    this.retain(workspaceId);
    return info;
  }

  /**
   * A fresh listing into a new audit snapshot, whatever the current one is: an audit counts what
   * is there now. Completing it also makes it the workspace's current listing.
   */
  async audit(workspaceId: string, adapter: ProviderAdapter, options: AuditOptions = {}): Promise<SnapshotInfo> {
    const { signal, onPage } = options;
    signal?.throwIfAborted();
    const writer = this.catalogue.begin(workspaceId, { kind: 'audit' });
    const stop = () => writer.cancel();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      await streamListing(adapter, {
        signal,
        parallel: this.options.parallel,
        onPage: (files) => {
          writer.addPage(files);
          onPage?.(files);
        },
      });
      signal?.throwIfAborted();
      const info = await writer.complete();
      this.retain(workspaceId);
      return info;
    } catch (error) {
      if (signal?.aborted) writer.cancel();
      else writer.fail();
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /** The one staleness signal (files landed, were deleted, or the workspace now points elsewhere): the next reader lists again. */
  markStale(workspaceId: string): void {
    this.catalogue.markStale(workspaceId);
  }

  /** Files this app deleted: audits' live views leave them out from now on, and the listing is stale. */
  deleted(workspaceId: string, fileIds: readonly string[]): void {
    this.catalogue.recordDeleted(workspaceId, fileIds);
    this.markStale(workspaceId);
  }

  /** Keeps a snapshot from retention until the returned release is called (once is enough; more is harmless). */
  hold(snapshotId: number): () => void {
    this.holds.set(snapshotId, (this.holds.get(snapshotId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.holds.get(snapshotId) ?? 1) - 1;
      if (left > 0) this.holds.set(snapshotId, left);
      else this.holds.delete(snapshotId);
    };
  }

  /** Whether someone holds this snapshot (an export being written): it must not be removed now. */
  isHeld(snapshotId: number): boolean {
    return this.holds.has(snapshotId);
  }

  /** How many audits are kept per workspace (older ones are dropped as new ones complete). */
  get auditsKept(): number {
    return this.keepAudits;
  }

  /** How many snapshots are held (for tests of release). */
  get heldSnapshots(): number {
    return this.holds.size;
  }

  private lister(adapter: ProviderAdapter): Lister {
    return async (onPage, signal) => {
      await streamListing(adapter, { onPage, signal, parallel: this.options.parallel });
    };
  }

  private retain(workspaceId: string): void {
    const keepIds = this.holds.keys();
    this.catalogue.retain(workspaceId, this.keepListings, { kind: 'listing', keepIds });
    this.catalogue.retain(workspaceId, this.keepAudits, { kind: 'audit', keepIds: this.holds.keys() });
    this.catalogue.pruneDeletions(workspaceId);
  }
}
