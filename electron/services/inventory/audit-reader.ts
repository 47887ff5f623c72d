/**
 * Reads a finished audit back from its snapshot for the window: pages of files, the old-files
 * finder's figures and selection, and the rows of an export. Every read names the snapshot, and
 * only complete audit snapshots are served, with a plain error when one is gone.
 */
import { AppError } from '../../../shared/errors';
import type { Sort, StoredFile } from '../../../shared/models/files';
import { readOrGone, type Catalogue, type SnapshotInfo } from '../catalogue';

const DAY = 86_400_000;
const GONE = 'That audit is no longer available (newer audits replaced it). Run the audit again.';
const OLDEST_FIRST: Sort = { by: 'createdAt', dir: 'asc' };

/** One page of an audit's file list, as the window asks for it. */
export interface FilesPageQuery {
  snapshotId: number;
  search: string;
  purpose: string | null;
  sort: Sort | null;
  offset: number;
  limit: number;
}

/** "Older than N days, of purpose P" over one audit. */
export interface StaleQuestion {
  snapshotId: number;
  olderThanDays: number;
  purpose: string | null;
}

/** The finder's answer: how many match, their bytes, the time ages count from, and a page of them. */
export interface StaleAnswer {
  count: number;
  bytes: number;
  /** ISO 8601: when the audit finished, the moment ages are measured from. */
  asOf: string;
  files: StoredFile[];
}

/** A catalogue read whose missing snapshot reads as GONE. */
function plain<T>(read: () => T): T {
  return readOrGone(read, GONE);
}

/** Pages, counts and selections over audit snapshots. */
export class AuditReader {
  constructor(private readonly catalogue: Catalogue) {}

  files(q: FilesPageQuery): { files: StoredFile[]; total: number } {
    this.audit(q.snapshotId);
    return plain(() =>
      this.catalogue.page(q.snapshotId, { search: q.search, purpose: q.purpose, sort: q.sort, offset: q.offset, limit: q.limit, excludeDeleted: true }),
    );
  }

  stale(q: StaleQuestion, offset: number, limit: number): StaleAnswer {
    const { filters, asOf } = this.staleFilters(q);
    return plain(() => {
      const { count, bytes } = this.catalogue.tally(q.snapshotId, filters);
      const files = limit > 0 ? this.catalogue.files(q.snapshotId, { ...filters, sort: OLDEST_FIRST, offset }, limit) : [];
      return { count, bytes, asOf: new Date(asOf).toISOString(), files };
    });
  }

  /**
   * The files the same question matches, oldest first, at most `max`: what a bulk delete is
   * offered. The snapshot never changes, so the same question names the same files, less any
   * deleted meanwhile.
   */
  selectStale(q: StaleQuestion, max: number): { files: StoredFile[]; total: number } {
    const { filters } = this.staleFilters(q);
    return plain(() => ({
      total: this.catalogue.tally(q.snapshotId, filters).count,
      files: this.catalogue.files(q.snapshotId, { ...filters, sort: OLDEST_FIRST }, max),
    }));
  }

  /** Every file of the audit as it was counted, newest first, read a chunk at a time. */
  rows(snapshotId: number): Iterable<StoredFile> {
    this.audit(snapshotId);
    const rows = this.catalogue.rows(snapshotId);
    return {
      [Symbol.iterator]: () => ({
        next: () => plain(() => rows.next()),
      }),
    };
  }

  private staleFilters(q: StaleQuestion) {
    const info = this.audit(q.snapshotId);
    const asOf = info.finishedAt ?? info.startedAt;
    return { asOf, filters: { purpose: q.purpose, createdUpTo: asOf - q.olderThanDays * DAY, excludeDeleted: true } };
  }

  private audit(snapshotId: number): SnapshotInfo {
    const info = this.catalogue.snapshot(snapshotId);
    if (!info || info.kind !== 'audit' || info.state !== 'complete') throw new AppError('not_found', GONE);
    return info;
  }
}
