/**
 * Likely duplicates in a snapshot. A file whose MD5 the app knows (it was uploaded from this
 * machine) is grouped only by that hash: identical content, whatever the name, and a same-named
 * file with another hash is known not to be a copy. Every other file is grouped by exact name and
 * size, the best guess the listing allows. Each group keeps its newest file.
 */
import type { SqlValue } from '../../lib/sqlite';
import type { Connection } from './connection';
import { clampWindow } from './queries';
import type { StoredFile } from '../../../shared/models/files';
import { FILE_COLUMNS, fileColumnsOf, toStoredFile } from './rows';
import type { SnapshotStore } from './snapshots';
import type { DuplicateBasis, DuplicateGroup, DuplicatePage, DuplicateQuery } from './types';

export const DEFAULT_FILES_PER_GROUP = 50;

/** Newest first; ties (and undated files, which come last) by id, so "the newest" is always one file. */
const NEWEST_FIRST = 't.created_at DESC, t.file_id DESC';

/**
 * The files that are in some group, with their group key (basis, md5, name, bytes). Name+size
 * candidates come from the size index in order (no sort), and only their rows are visited. The
 * parameters are the workspace id, repeated once more per `live` filter (see `liveFilter`).
 */
function membersSql(table: string, live: boolean): string {
  const gone = (alias: string) => (live ? ` AND ${alias}.file_id NOT IN (SELECT file_id FROM deletions WHERE workspace_id = ?)` : '');
  return `WITH hashed(rid, md5) AS (
      SELECT t.rowid, h.md5 FROM file_hashes AS h JOIN ${table} AS t ON t.file_id = h.file_id WHERE h.workspace_id = ?${gone('t')}
    ),
    pairs(bytes, name) AS (
      SELECT bytes, name FROM ${table} AS p WHERE 1${gone('p')} GROUP BY bytes, name HAVING count(*) > 1
    ),
    members(rid, basis, md5, name, bytes) AS (
      SELECT rid, 'content hash', md5, NULL, NULL FROM hashed
      UNION ALL
      SELECT t.rowid, 'same name and size', NULL, t.name, t.bytes FROM pairs AS p JOIN ${table} AS t ON t.bytes = p.bytes AND t.name = p.name
      WHERE t.rowid NOT IN (SELECT rid FROM hashed)${gone('t')}
    ),
    groups AS (
      SELECT m.basis, m.md5, m.name, max(t.bytes) AS bytes, count(*) AS copies, total(t.bytes) - max(t.bytes) AS reclaimable
      FROM members AS m JOIN ${table} AS t ON t.rowid = m.rid
      GROUP BY m.basis, m.md5, m.name, m.bytes HAVING count(*) > 1
    )`;
}

/** The parameters `membersSql` takes, in order. */
function membersParams(workspaceId: string, live: boolean): SqlValue[] {
  return live ? [workspaceId, workspaceId, workspaceId, workspaceId] : [workspaceId];
}

/** Known hashes and duplicate groups. */
export class Duplicates {
  constructor(
    private readonly conn: Connection,
    private readonly store: SnapshotStore,
  ) {}

  /** Records the MD5 of a file this machine uploaded, so its copies are matched by content. */
  rememberHash(workspaceId: string, fileId: string, md5: string): void {
    this.conn
      .stmt('INSERT INTO file_hashes (workspace_id, file_id, md5) VALUES (?, ?, ?) ON CONFLICT (workspace_id, file_id) DO UPDATE SET md5 = excluded.md5')
      .run(workspaceId, fileId, md5.toLowerCase());
  }

  /** Records many hashes in one transaction (the records kept before the catalogue knew them). */
  rememberHashes(entries: Iterable<{ workspaceId: string; fileId: string; md5: string }>): number {
    let n = 0;
    this.conn.transaction(() => {
      for (const e of entries) {
        this.rememberHash(e.workspaceId, e.fileId, e.md5);
        n += 1;
      }
    });
    return n;
  }

  /** A page of groups, largest saving first, with the count and saving over all groups. */
  groups(snapshotId: number, query: DuplicateQuery = {}): DuplicatePage {
    const { table, info } = this.store.readable(snapshotId);
    const { offset, limit } = clampWindow(query.offset, query.limit);
    const perGroup = clampWindow(0, query.filesPerGroup ?? DEFAULT_FILES_PER_GROUP).limit;
    const live = query.excludeDeleted === true;
    const members = membersSql(table, live);
    const params = membersParams(info.workspaceId, live);
    const rows = this.conn
      .stmt(
        `${members} SELECT basis, md5, name, bytes, copies, reclaimable,
           count(*) OVER () AS total_groups, total(reclaimable) OVER () AS total_reclaimable
         FROM groups ORDER BY reclaimable DESC, basis, md5, name, bytes LIMIT ? OFFSET ?`,
        snapshotId,
      )
      .all(...params, limit, offset);
    let totals = rows[0];
    if (!totals) totals = this.conn.stmt(`${members} SELECT count(*) AS total_groups, total(reclaimable) AS total_reclaimable FROM groups`, snapshotId).get(...params);
    return {
      groups: rows.map((row) => this.group(snapshotId, table, info.workspaceId, row, perGroup, live)),
      totalGroups: Number(totals?.total_groups ?? 0),
      totalReclaimableBytes: Number(totals?.total_reclaimable ?? 0),
    };
  }

  /** The ids to delete so that each group keeps only its newest file. */
  allButNewest(snapshotId: number, options: { excludeDeleted?: boolean } = {}): string[] {
    return this.allButNewestFiles(snapshotId, { ...options, limit: -1 }).map((f) => f.id);
  }

  /**
   * The files to delete so that each group keeps only its newest (largest saving first within a
   * group order that is stable), at most `limit` (-1: all). With `excludeDeleted`, files this app
   * deleted since are neither counted nor kept, so the newest file still there is the one kept.
   */
  allButNewestFiles(snapshotId: number, options: { excludeDeleted?: boolean; limit?: number } = {}): StoredFile[] {
    const { table, info } = this.store.readable(snapshotId);
    const live = options.excludeDeleted === true;
    return this.conn
      .stmt(
        `${membersSql(table, live)} SELECT ${FILE_COLUMNS} FROM (
           SELECT ${fileColumnsOf('t')}, row_number() OVER (PARTITION BY m.basis, m.md5, m.name, m.bytes ORDER BY ${NEWEST_FIRST}) AS n
           FROM members AS m JOIN ${table} AS t ON t.rowid = m.rid
         ) WHERE n > 1 ORDER BY created_at, file_id LIMIT ?`,
        snapshotId,
      )
      .all(...membersParams(info.workspaceId, live), Math.floor(options.limit ?? -1))
      .map(toStoredFile);
  }

  private group(snapshotId: number, table: string, workspaceId: string, row: Record<string, unknown>, perGroup: number, live: boolean): DuplicateGroup {
    const basis = String(row.basis) as DuplicateBasis;
    const byHash = basis === 'content hash';
    const gone = live ? ' AND t.file_id NOT IN (SELECT file_id FROM deletions WHERE workspace_id = ?)' : '';
    const sql = byHash
      ? `SELECT ${fileColumnsOf('t')} FROM file_hashes AS h JOIN ${table} AS t ON t.file_id = h.file_id
         WHERE h.workspace_id = ? AND h.md5 = ?${gone} ORDER BY ${NEWEST_FIRST} LIMIT ?`
      : `SELECT ${fileColumnsOf('t')} FROM ${table} AS t
         WHERE t.bytes = ? AND t.name = ? AND NOT EXISTS (SELECT 1 FROM file_hashes AS h WHERE h.workspace_id = ? AND h.file_id = t.file_id)${gone}
         ORDER BY ${NEWEST_FIRST} LIMIT ?`;
    const extra: SqlValue[] = live ? [workspaceId] : [];
    const params: SqlValue[] = byHash ? [workspaceId, String(row.md5), ...extra, perGroup] : [Number(row.bytes), String(row.name), workspaceId, ...extra, perGroup];
    return {
      basis,
      md5: byHash ? String(row.md5) : null,
      name: byHash ? null : String(row.name),
      bytes: Number(row.bytes),
      copies: Number(row.copies),
      reclaimableBytes: Number(row.reclaimable),
      files: this.conn
        .stmt(sql, snapshotId)
        .all(...params)
        .map(toStoredFile),
    };
  }
}
