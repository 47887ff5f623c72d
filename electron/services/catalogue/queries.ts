/**
 * Reading one snapshot: the file table's pages, counts, a name+size lookup, and an export stream.
 * All of it is SQL over the snapshot's indexes; no query brings more than a page (or a selection
 * of the caller's size) into JavaScript.
 */
import type { Sort, SortKey, StoredFile } from '../../../shared/models/files';
import type { SqlValue } from '../../lib/sqlite';
import type { Connection } from './connection';
import { FILE_COLUMNS, toStoredFile } from './rows';
import type { SnapshotStore } from './snapshots';
import type { FilePage, FilterQuery, PageQuery, SnapshotInfo, Tally } from './types';

export const DEFAULT_PAGE_LIMIT = 100;
/** The largest page served at once; the whole snapshot is what `rows()` is for. */
export const MAX_PAGE_LIMIT = 5000;
/** Rows fetched per step of `rows()`. */
export const EXPORT_CHUNK = 1000;

/** The default order: newest first, as the providers list. */
export const DEFAULT_SORT: Sort = { by: 'createdAt', dir: 'desc' };

/**
 * Columns of each ORDER BY, matching an index column for column (rowid, implicit at the end of
 * every index, is the final tie-breaker) so SQLite walks the index instead of sorting.
 */
const ORDER_COLUMNS: Record<SortKey, readonly string[]> = {
  createdAt: ['created_at', 'bytes', 'rowid'],
  name: ['name_fold', 'rowid'],
  bytes: ['bytes', 'name', 'rowid'],
  purpose: ['purpose', 'name_fold', 'rowid'],
};

/** The ORDER BY clause for a sort (every column in the same direction, so an index can be read backwards). */
export function orderBy(sort: Sort): string {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  return ORDER_COLUMNS[sort.by].map((column) => `${column} ${dir}`).join(', ');
}

/** A non-negative integer offset and a limit within [0, max]; anything unreadable becomes the default. */
export function clampWindow(offset: number | undefined, limit: number | undefined, max = MAX_PAGE_LIMIT): { offset: number; limit: number } {
  const whole = (n: number | undefined, fallback: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : fallback);
  return { offset: whole(offset, 0), limit: Math.min(max, whole(limit, DEFAULT_PAGE_LIMIT)) };
}

/** The conditions of a query's filters, and their parameters in order. */
interface Conditions {
  clauses: string[];
  params: SqlValue[];
}

/**
 * The conditions for a query's filters. Leaving out deleted files is a NOT IN over the
 * workspace's deletions (SQLite builds that set once per statement); `deleted` says whether the
 * workspace has any, so the common case pays nothing for it.
 */
function conditions(q: FilterQuery, workspaceId: string, deleted: boolean): Conditions {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (q.purpose) {
    clauses.push('purpose = ?');
    params.push(q.purpose);
  }
  const needle = (q.search ?? '').trim().toLowerCase();
  if (needle) {
    clauses.push('instr(name_fold, ?) > 0');
    params.push(needle);
  }
  if (typeof q.createdUpTo === 'number' && Number.isFinite(q.createdUpTo)) {
    clauses.push('created_at <= ?');
    params.push(Math.floor(q.createdUpTo));
  }
  if (q.excludeDeleted && deleted) {
    clauses.push('file_id NOT IN (SELECT file_id FROM deletions WHERE workspace_id = ?)');
    params.push(workspaceId);
  }
  return { clauses, params };
}

const whereOf = (c: Conditions) => (c.clauses.length > 0 ? `WHERE ${c.clauses.join(' AND ')}` : '');

/** The SQL `page()` runs, exposed so tests can check its query plan. */
export function pageSql(table: string, q: PageQuery, workspaceId = '', deleted = false): { sql: string; params: SqlValue[] } {
  const c = conditions(q, workspaceId, deleted);
  return { sql: `SELECT ${FILE_COLUMNS} FROM ${table} ${whereOf(c)} ORDER BY ${orderBy(q.sort ?? DEFAULT_SORT)} LIMIT ? OFFSET ?`, params: c.params };
}

/** Pages, lookups and export over complete snapshots. */
export class SnapshotQueries {
  constructor(
    private readonly conn: Connection,
    private readonly store: SnapshotStore,
  ) {}

  /** One page of the file table, with the number of files matching the filters. */
  page(snapshotId: number, q: PageQuery = {}): FilePage {
    const { table, info } = this.store.readable(snapshotId);
    const { offset, limit } = clampWindow(q.offset, q.limit);
    return { files: this.select(table, info, q, limit, offset), total: this.tallyOf(table, info, q).count };
  }

  /** How many files match the filters, and their bytes. */
  tally(snapshotId: number, q: FilterQuery = {}): Tally {
    const { table, info } = this.store.readable(snapshotId);
    return this.tallyOf(table, info, q);
  }

  /**
   * Up to `limit` matching files in the query's order from `q.offset`, read in one go (`limit`
   * is the caller's bound: a selection handed to a bulk delete, not the whole snapshot).
   */
  files(snapshotId: number, q: PageQuery, limit: number): StoredFile[] {
    const { table, info } = this.store.readable(snapshotId);
    const { offset } = clampWindow(q.offset, 0);
    return this.select(table, info, q, Math.max(0, Math.floor(limit)), offset);
  }

  private select(table: string, info: SnapshotInfo, q: PageQuery, limit: number, offset: number): StoredFile[] {
    const { sql, params } = pageSql(table, q, info.workspaceId, q.excludeDeleted === true && this.hasDeletions(info.workspaceId));
    return this.conn
      .stmt(sql, info.id)
      .all(...params, limit, offset)
      .map(toStoredFile);
  }

  /**
   * Count and bytes of the matches. Without filters that is the snapshot's own totals; deleted
   * files are taken off afterwards by joining the (short) deletions list to the id index, so the
   * count never walks the snapshot once per deleted file or the other way round.
   */
  private tallyOf(table: string, info: SnapshotInfo, q: FilterQuery): Tally {
    const base = conditions({ ...q, excludeDeleted: false }, info.workspaceId, false);
    const where = whereOf(base);
    const row = where ? this.conn.stmt(`SELECT count(*) AS n, total(bytes) AS b FROM ${table} ${where}`, info.id).get(...base.params) : undefined;
    const tally = row ? { count: Number(row.n ?? 0), bytes: Number(row.b ?? 0) } : { count: info.fileCount, bytes: info.totalBytes };
    if (!q.excludeDeleted || !this.hasDeletions(info.workspaceId)) return tally;
    const gone = this.conn
      .stmt(
        `SELECT count(*) AS n, total(t.bytes) AS b FROM deletions AS d JOIN ${table} AS t ON t.file_id = d.file_id WHERE ${['d.workspace_id = ?', ...base.clauses].join(' AND ')}`,
        info.id,
      )
      .get(info.workspaceId, ...base.params);
    return { count: tally.count - Number(gone?.n ?? 0), bytes: tally.bytes - Number(gone?.b ?? 0) };
  }

  private hasDeletions(workspaceId: string): boolean {
    return this.conn.stmt('SELECT 1 AS x FROM deletions WHERE workspace_id = ? LIMIT 1').get(workspaceId) !== undefined;
  }

  /** The newest file with exactly this name and size (the upload pre-check where there is no hash lookup). */
  findByNameSize(snapshotId: number, name: string, bytes: number): StoredFile | null {
    return this.allByNameSize(snapshotId, name, bytes, 1)[0] ?? null;
  }

  /** Every file with this exact name and size (newest first, at most `limit`): the duplicate check weighs each. */
  allByNameSize(snapshotId: number, name: string, bytes: number, limit: number): StoredFile[] {
    const { table } = this.store.readable(snapshotId);
    return this.conn
      .stmt(`SELECT ${FILE_COLUMNS} FROM ${table} WHERE bytes = ? AND name = ? ORDER BY created_at DESC, file_id DESC LIMIT ?`, snapshotId)
      .all(bytes, name, limit)
      .map(toStoredFile);
  }

  /**
   * Every file of a snapshot, newest first, for a streamed export. It reads `EXPORT_CHUNK` rows at
   * a time from where the last chunk ended (a keyset on the time index, so each step costs the
   * same), and holds no statement open between steps: the consumer may await between files
   * while pages of other listings are written. Throws if the snapshot is removed meanwhile.
   */
  *rows(snapshotId: number): Generator<StoredFile, void, undefined> {
    const { table } = this.store.readable(snapshotId);
    const dated = `SELECT rowid AS rid, ${FILE_COLUMNS} FROM ${table} WHERE (created_at, bytes, rowid) < (?, ?, ?) ORDER BY created_at DESC, bytes DESC, rowid DESC LIMIT ?`;
    const undated = `SELECT rowid AS rid, ${FILE_COLUMNS} FROM ${table} WHERE created_at IS NULL AND (bytes, rowid) < (?, ?) ORDER BY bytes DESC, rowid DESC LIMIT ?`;
    const top = Number.MAX_SAFE_INTEGER;
    let after: SqlValue[] = [top, top, top];
    for (;;) {
      this.store.readable(snapshotId);
      const chunk = this.conn.stmt(dated, snapshotId).all(...after, EXPORT_CHUNK);
      for (const row of chunk) yield toStoredFile(row);
      const last = chunk.at(-1);
      if (!last || chunk.length < EXPORT_CHUNK) break;
      after = [Number(last.created_at), Number(last.bytes), Number(last.rid)];
    }
    after = [top, top];
    for (;;) {
      this.store.readable(snapshotId);
      const chunk = this.conn.stmt(undated, snapshotId).all(...after, EXPORT_CHUNK);
      for (const row of chunk) yield toStoredFile(row);
      const last = chunk.at(-1);
      if (!last || chunk.length < EXPORT_CHUNK) break;
      after = [Number(last.bytes), Number(last.rid)];
    }
  }
}
