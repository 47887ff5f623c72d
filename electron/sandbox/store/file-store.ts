/**
 * Metadata repository over SQLite. A row exists only for a file whose bytes are already complete
 * on disk (the blob store renames first, then this inserts), so a crash can leave an orphan blob
 * (swept at start) but never a listed file without its content.
 */
import { OffsetAnchors, type AnchorSource } from './offset-anchors';
import type { SqlDatabase, SqlStatement, SqlValue } from '../../lib/sqlite';
import type { Dialect, FileRecord, ListFilter, ListOrder, ListPosition, ListQuery, PendingUpload } from './records';

const FILE_COLUMNS =
  'id, dialect, scope, filename, bytes, purpose, content_type, md5, created_at, expires_at, external_id';

const ORDER_SQL: Record<ListOrder, { column: string; dir: 'ASC' | 'DESC' }> = {
  created_desc: { column: 'created_at', dir: 'DESC' },
  created_asc: { column: 'created_at', dir: 'ASC' },
  name_asc: { column: 'filename', dir: 'ASC' },
  id_asc: { column: 'id', dir: 'ASC' },
};

function orderClause(order: ListOrder): string {
  const { column, dir } = ORDER_SQL[order];
  return column === 'id' ? `id ${dir}` : `${column} ${dir}, id ${dir}`;
}

function toFile(row: Record<string, unknown>): FileRecord {
  return {
    id: String(row.id),
    dialect: row.dialect as Dialect,
    scope: String(row.scope),
    filename: String(row.filename),
    bytes: Number(row.bytes),
    purpose: String(row.purpose),
    contentType: String(row.content_type),
    md5: String(row.md5),
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at == null ? null : Number(row.expires_at),
    externalId: row.external_id == null ? null : String(row.external_id),
  };
}

function toPending(row: Record<string, unknown>): PendingUpload {
  return {
    id: String(row.id),
    dialect: row.dialect as Dialect,
    scope: String(row.scope),
    filename: String(row.filename),
    purpose: String(row.purpose),
    contentType: String(row.content_type),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    fileId: row.file_id == null ? null : String(row.file_id),
  };
}

function fileParams(f: FileRecord): SqlValue[] {
  return [f.id, f.dialect, f.scope, f.filename, f.bytes, f.purpose, f.contentType, f.md5, f.createdAt, f.expiresAt, f.externalId];
}

/** Sort key of a record under an order, for building the next keyset position. */
export function positionOf(file: FileRecord, order: ListOrder): ListPosition {
  const key = order === 'name_asc' ? file.filename : order === 'id_asc' ? file.id : file.createdAt;
  return { key, id: file.id };
}

/** The sandbox's metadata: files, pending presigned uploads, and a small key/value table. */
export class FileStore {
  private readonly statements = new Map<string, SqlStatement>();
  private readonly anchors = new OffsetAnchors();

  constructor(private readonly db: SqlDatabase) {}

  private stmt(sql: string, cache = true): SqlStatement {
    if (!cache) return this.db.prepare(sql);
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `work` inside one transaction, rolling back if it throws. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  insert(file: FileRecord): void {
    this.anchors.invalidate();
    this.stmt(`INSERT INTO files (${FILE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)`).run(...fileParams(file));
  }

  /** A live (unexpired) file of this dialect and scope. */
  get(dialect: Dialect, scope: string, id: string, now: number): FileRecord | undefined {
    const row = this.stmt(
      `SELECT ${FILE_COLUMNS} FROM files WHERE id = ? AND dialect = ? AND scope = ? AND (expires_at IS NULL OR expires_at > ?)`,
    ).get(id, dialect, scope, now);
    return row ? toFile(row) : undefined;
  }

  /** A live file by id alone (public URLs are signed per id, whatever the scope). */
  getById(id: string, now: number): FileRecord | undefined {
    const row = this.stmt(`SELECT ${FILE_COLUMNS} FROM files WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)`).get(
      id,
      now,
    );
    return row ? toFile(row) : undefined;
  }

  /** Newest live file with this content hash (and purpose, when given). */
  findByHash(dialect: Dialect, scope: string, md5: string, purpose: string | undefined, now: number): FileRecord | undefined {
    const purposeSql = purpose === undefined ? '' : 'AND purpose = ?';
    const params: SqlValue[] = [dialect, scope, md5, ...(purpose === undefined ? [] : [purpose]), now];
    const row = this.stmt(
      `SELECT ${FILE_COLUMNS} FROM files WHERE dialect = ? AND scope = ? AND md5 = ? ${purposeSql}
       AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC LIMIT 1`,
    ).get(...params);
    return row ? toFile(row) : undefined;
  }

  private filters(q: ListFilter): { where: string[]; params: SqlValue[] } {
    const where = ['dialect = ?', 'scope = ?', '(expires_at IS NULL OR expires_at > ?)'];
    const params: SqlValue[] = [q.dialect, q.scope, q.now];
    const equalities: [string, string | undefined][] = [
      ['purpose', q.purpose],
      ['filename', q.filename],
      ['external_id', q.externalId],
    ];
    for (const [column, value] of equalities) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (q.ids !== undefined) {
      where.push(`id IN (${q.ids.map(() => '?').join(',') || 'NULL'})`);
      params.push(...q.ids);
    }
    return { where, params };
  }

  /** How the offset anchors walk listing `q` along its index. */
  private anchorSource(q: ListQuery): AnchorSource {
    return {
      walk: (from, rows) => {
        const [row] = this.page({ ...q, after: from, offset: rows - 1, limit: 1 });
        return row ? positionOf(row, q.order) : undefined;
      },
      validUntil: () => {
        // The next expiry of any file (not just this listing's): one seek on files_by_expiry.
        const soonest = this.stmt('SELECT MIN(expires_at) AS m FROM files WHERE expires_at IS NOT NULL AND expires_at > ?').get(q.now);
        return soonest?.m == null ? Infinity : Number(soonest.m);
      },
    };
  }

  /** One page of live files; keyset (`after`) and offset paging both stay on an index. */
  list(q: ListQuery): FileRecord[] {
    return this.page(this.anchors.rewrite(q, this.anchorSource(q)));
  }

  /** One page without anchors: filters, keyset position, then a short offset. */
  private page(q: ListQuery): FileRecord[] {
    const { where, params } = this.filters(q);
    const { column, dir } = ORDER_SQL[q.order];
    if (q.after) {
      const op = dir === 'DESC' ? '<' : '>';
      where.push(column === 'id' ? `id ${op} ?` : `(${column}, id) ${op} (?, ?)`);
      params.push(...(column === 'id' ? [q.after.id] : [q.after.key, q.after.id]));
    }
    // The inner query walks only the covering index (skipped rows cost no table lookups);
    // the outer one fetches the page's rows and puts them back in order.
    const inner = `SELECT rowid FROM files WHERE ${where.join(' AND ')} ORDER BY ${orderClause(q.order)} LIMIT ? OFFSET ?`;
    const sql = `SELECT ${FILE_COLUMNS} FROM files WHERE rowid IN (${inner}) ORDER BY ${orderClause(q.order)}`;
    return this.stmt(sql, q.ids === undefined).all(...params, q.limit, q.offset ?? 0).map(toFile);
  }

  /** How many live files match the filters (LlamaCloud's `total_size`). */
  count(q: ListFilter): number {
    const { where, params } = this.filters(q);
    const row = this.stmt(`SELECT COUNT(*) AS n FROM files WHERE ${where.join(' AND ')}`, q.ids === undefined).get(...params);
    return Number(row?.n ?? 0);
  }

  /** Expired rows, oldest first, for the sweeper. */
  expired(now: number, limit: number): { id: string }[] {
    return this.stmt('SELECT id FROM files WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?')
      .all(now, limit)
      .map((r) => ({ id: String(r.id) }));
  }

  deleteById(id: string): void {
    this.anchors.invalidate();
    this.stmt('DELETE FROM files WHERE id = ?').run(id);
  }

  /** True when a row references this blob id (used by the orphan sweep at start). */
  has(id: string): boolean {
    return this.stmt('SELECT 1 AS x FROM files WHERE id = ?').get(id) !== undefined;
  }

  insertPending(p: PendingUpload): void {
    this.stmt(
      'INSERT INTO uploads (id, dialect, scope, filename, purpose, content_type, created_at, expires_at, file_id) VALUES (?,?,?,?,?,?,?,?,?)',
    ).run(p.id, p.dialect, p.scope, p.filename, p.purpose, p.contentType, p.createdAt, p.expiresAt, p.fileId);
  }

  getPending(id: string): PendingUpload | undefined {
    const row = this.stmt('SELECT * FROM uploads WHERE id = ?').get(id);
    return row ? toPending(row) : undefined;
  }

  completePending(id: string, fileId: string): void {
    this.stmt('UPDATE uploads SET file_id = ? WHERE id = ?').run(fileId, id);
  }

  /** Drops presigned slots whose URL expired without bytes (they can never complete). */
  dropStalePending(now: number): void {
    this.stmt('DELETE FROM uploads WHERE file_id IS NULL AND expires_at <= ?').run(now);
  }

  getMeta(key: string): string | undefined {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key);
    return row ? String(row.value) : undefined;
  }

  setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
  }
}
