/**
 * An audit's history for the window: the saved audits of a workspace (its timeline), what changed
 * between two of them, the likely duplicates in one, and deleting old ones. Everything is read
 * from the catalogue a page at a time; only complete audit snapshots are served, and every error
 * says in plain words what happened and what to do.
 */
import { AppError } from '../../../shared/errors';
import type { AuditDiff, ChangedFile, DuplicateGroup, SavedAudit } from '../../../shared/contract/history';
import type { StoredFile } from '../../../shared/models/files';
import { readOrGone, MAX_PAGE_LIMIT, type Catalogue, type DuplicateGroup as CatalogueGroup, type SnapshotInfo } from '../catalogue';
import type { WorkspaceListings } from '../listings/workspace-listings';

const GONE = 'That saved audit is no longer there (it was deleted or replaced by newer audits). Run the audit again.';

/** A page of files with how many there are in all. */
export interface Page<T> {
  files: T[];
  total: number;
}

/** A page of duplicate groups, with the count and the saving over all of them. */
export interface DuplicatesPage {
  groups: DuplicateGroup[];
  totalGroups: number;
  totalReclaimableBytes: number;
}

/** A catalogue read whose missing snapshot reads as GONE. */
function plain<T>(read: () => T): T {
  return readOrGone(read, GONE);
}

function toGroup(group: CatalogueGroup): DuplicateGroup {
  return {
    basis: group.basis === 'content hash' ? 'content' : 'name_size',
    md5: group.md5,
    name: group.name,
    bytes: group.bytes,
    copies: group.copies,
    reclaimableBytes: group.reclaimableBytes,
    files: group.files,
  };
}

/** Reads and prunes the saved audits kept in the catalogue. */
export class HistoryService {
  constructor(
    private readonly listings: WorkspaceListings,
    /** How many audits the app keeps per workspace (told to the window, so it can say so). */
    private readonly kept: number,
  ) {}

  private get catalogue(): Catalogue {
    return this.listings.catalogue;
  }

  /** The workspace's complete audits, oldest first (at most `max`, the newest ones). */
  audits(workspaceId: string, max: number): { audits: SavedAudit[]; kept: number } {
    const audits = this.catalogue
      .timeline(workspaceId)
      .filter((p) => p.kind === 'audit')
      .slice(-max)
      .map((p) => ({ snapshotId: p.snapshotId, finishedAt: new Date(p.finishedAt).toISOString(), fileCount: p.fileCount, totalBytes: p.totalBytes }));
    return { audits, kept: this.kept };
  }

  diff(fromSnapshotId: number, toSnapshotId: number): AuditDiff {
    this.pair(fromSnapshotId, toSnapshotId);
    const { before, after, added, removed } = plain(() => this.catalogue.diff(fromSnapshotId, toSnapshotId));
    return { before, after, added, removed };
  }

  /** A page of the added (or gone) files, each marked if this app deleted it since. */
  changes(fromSnapshotId: number, toSnapshotId: number, side: 'added' | 'removed', offset: number, limit: number): Page<ChangedFile> {
    const { workspaceId } = this.pair(fromSnapshotId, toSnapshotId);
    const page = plain(() =>
      side === 'added' ? this.catalogue.added(fromSnapshotId, toSnapshotId, { offset, limit }) : this.catalogue.removed(fromSnapshotId, toSnapshotId, { offset, limit }),
    );
    const deleted = this.catalogue.deletedAmong(
      workspaceId,
      page.files.map((f) => f.id),
    );
    return { total: page.total, files: page.files.map((f) => ({ ...f, deletedSince: deleted.has(f.id) })) };
  }

  /**
   * The added files still there as far as this app knows (deleted ones left out), oldest first,
   * at most `max`: read a block at a time, so the selection costs one block of memory per step.
   */
  selectAdded(fromSnapshotId: number, toSnapshotId: number, max: number): Page<StoredFile> {
    const { workspaceId } = this.pair(fromSnapshotId, toSnapshotId);
    const total = plain(() => this.catalogue.diff(fromSnapshotId, toSnapshotId)).added.count;
    const files: StoredFile[] = [];
    let live = 0;
    for (let offset = 0; offset < total; offset += MAX_PAGE_LIMIT) {
      const block = plain(() => this.catalogue.added(fromSnapshotId, toSnapshotId, { offset, limit: MAX_PAGE_LIMIT })).files;
      const deleted = this.catalogue.deletedAmong(
        workspaceId,
        block.map((f) => f.id),
      );
      for (const f of block) {
        if (deleted.has(f.id)) continue;
        live += 1;
        files.push(f);
      }
      if (block.length < MAX_PAGE_LIMIT) break;
    }
    // Newest first is the list's order; the oldest go first into a capped selection.
    files.reverse();
    return { files: files.slice(0, max), total: live };
  }

  /**
   * Deletes saved audits of the workspace. The newest is kept (it is the workspace's history
   * point that the next audit is compared with), and so is any audit being read (an export).
   */
  removeAudits(workspaceId: string, snapshotIds: readonly number[]): number[] {
    const audits = this.audits(workspaceId, Number.MAX_SAFE_INTEGER).audits;
    const newest = audits.at(-1)?.snapshotId;
    const known = new Set(audits.map((a) => a.snapshotId));
    for (const id of snapshotIds) {
      if (!known.has(id)) throw new AppError('not_found', GONE);
      if (id === newest) throw new AppError('conflict', 'The newest audit is kept: it is what the next audit is compared with. Delete older ones.');
      if (this.listings.isHeld(id)) throw new AppError('conflict', 'That audit is being read (an export is being written). Try again when it has finished.');
    }
    const removed = snapshotIds.filter((id) => this.catalogue.remove(id));
    this.catalogue.pruneDeletions(workspaceId);
    return removed;
  }

  /** A page of likely-duplicate groups in an audit, less the files this app deleted since. */
  duplicates(snapshotId: number, offset: number, limit: number, filesPerGroup: number): DuplicatesPage {
    this.audit(snapshotId);
    const page = plain(() => this.catalogue.duplicateGroups(snapshotId, { offset, limit, filesPerGroup, excludeDeleted: true }));
    return { groups: page.groups.map(toGroup), totalGroups: page.totalGroups, totalReclaimableBytes: page.totalReclaimableBytes };
  }

  /** Every copy but the newest still there in each group (oldest first, at most `max`), and how many in all. */
  selectDuplicates(snapshotId: number, max: number): Page<StoredFile> {
    this.audit(snapshotId);
    return plain(() => {
      const files = this.catalogue.allButNewestFiles(snapshotId, { excludeDeleted: true, limit: max + 1 });
      if (files.length <= max) return { files, total: files.length };
      return { files: files.slice(0, max), total: this.catalogue.allButNewest(snapshotId, { excludeDeleted: true }).length };
    });
  }

  private audit(snapshotId: number): SnapshotInfo {
    const info = this.catalogue.snapshot(snapshotId);
    if (!info || info.kind !== 'audit' || info.state !== 'complete') throw new AppError('not_found', GONE);
    return info;
  }

  /** Both audits, checked to be of one workspace (comparing two workspaces would mean nothing). */
  private pair(fromSnapshotId: number, toSnapshotId: number): SnapshotInfo {
    const from = this.audit(fromSnapshotId);
    const to = this.audit(toSnapshotId);
    if (from.workspaceId !== to.workspaceId) throw new AppError('invalid_input', 'Those two audits are of different workspaces, so they cannot be compared.');
    return to;
  }
}
