/**
 * What changed between two snapshots, by file id (a provider never changes a stored file, so
 * "changed" is "removed and added"). Queries join the two snapshot tables on their id indexes.
 */
import type { Connection } from './connection';
import { clampWindow, DEFAULT_SORT, orderBy } from './queries';
import { FILE_COLUMNS, toStoredFile } from './rows';
import type { SnapshotStore } from './snapshots';
import type { FilePage, Paging, SnapshotDiff } from './types';

/** Diffs kept: complete snapshots never change and ids are never reused, so a diff stays true. */
const DIFF_CACHE_SIZE = 16;

/** Diffs and change lists between snapshots. */
export class SnapshotHistory {
  private readonly diffs = new Map<string, SnapshotDiff>();

  constructor(
    private readonly conn: Connection,
    private readonly store: SnapshotStore,
  ) {}

  /**
   * Counts and bytes added and removed from `fromSnapshotId` to `toSnapshotId`, with the totals
   * before and after. One pass over the files both hold; the rest follows from the totals.
   */
  diff(fromSnapshotId: number, toSnapshotId: number): SnapshotDiff {
    const from = this.store.readable(fromSnapshotId);
    const to = this.store.readable(toSnapshotId);
    const key = `${fromSnapshotId}:${toSnapshotId}`;
    const cached = this.diffs.get(key);
    if (cached) return cached;
    const both = this.conn
      .once(`SELECT count(*) AS n, total(t.bytes) AS to_bytes, total(f.bytes) AS from_bytes FROM ${to.table} AS t JOIN ${from.table} AS f ON f.file_id = t.file_id`)
      .get();
    const kept = Number(both?.n ?? 0);
    const before = { count: from.info.fileCount, bytes: from.info.totalBytes };
    const after = { count: to.info.fileCount, bytes: to.info.totalBytes };
    const diff: SnapshotDiff = {
      fromSnapshotId,
      toSnapshotId,
      before,
      after,
      added: { count: after.count - kept, bytes: after.bytes - Number(both?.to_bytes ?? 0) },
      removed: { count: before.count - kept, bytes: before.bytes - Number(both?.from_bytes ?? 0) },
    };
    this.diffs.set(key, diff);
    for (const old of this.diffs.keys()) {
      if (this.diffs.size <= DIFF_CACHE_SIZE) break;
      this.diffs.delete(old);
    }
    return diff;
  }

  /** Files in `toSnapshotId` that `fromSnapshotId` did not have, newest first. */
  added(fromSnapshotId: number, toSnapshotId: number, paging: Paging = {}): FilePage {
    return { files: this.missing(toSnapshotId, fromSnapshotId, paging), total: this.diff(fromSnapshotId, toSnapshotId).added.count };
  }

  /** Files in `fromSnapshotId` that are gone from `toSnapshotId`, newest first. */
  removed(fromSnapshotId: number, toSnapshotId: number, paging: Paging = {}): FilePage {
    return { files: this.missing(fromSnapshotId, toSnapshotId, paging), total: this.diff(fromSnapshotId, toSnapshotId).removed.count };
  }

  /** Rows of `inId` whose id `notInId` lacks: walks `inId` newest first, probing the other's id index. */
  private missing(inId: number, notInId: number, paging: Paging) {
    const present = this.store.readable(inId);
    const absent = this.store.readable(notInId);
    const { offset, limit } = clampWindow(paging.offset, paging.limit);
    return this.conn
      .once(
        `SELECT ${FILE_COLUMNS} FROM ${present.table} AS t
         WHERE NOT EXISTS (SELECT 1 FROM ${absent.table} AS o WHERE o.file_id = t.file_id)
         ORDER BY ${orderBy(DEFAULT_SORT)} LIMIT ? OFFSET ?`,
      )
      .all(limit, offset)
      .map(toStoredFile);
  }
}
