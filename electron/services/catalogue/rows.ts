/**
 * How a StoredFile is kept in a snapshot table and read back. Times are stored as ms integers so
 * they sort and compare in SQL; they come back as ISO 8601 strings, the shape StoredFile has.
 */
import type { StoredFile } from '../../../shared/models/files';
import type { SqlValue } from '../../lib/sqlite';

/** Columns written for each file, in `fileParams` order. */
export const INSERT_COLUMNS = 'file_id, name, name_fold, bytes, purpose, created_at, expires_at';
const INSERT_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?)';

/** Columns read back into a StoredFile (see `toStoredFile`). */
export const FILE_COLUMNS = 'file_id, name, bytes, purpose, created_at, expires_at';

/** FILE_COLUMNS of a table alias, for joins where a bare `file_id` would be ambiguous. */
export function fileColumnsOf(alias: string): string {
  return FILE_COLUMNS.split(', ')
    .map((column) => `${alias}.${column} AS ${column}`)
    .join(', ');
}

/** An INSERT of `rows` files at once: fewer statement steps per page than one row at a time. */
export function insertSql(table: string, rows: number): string {
  return `INSERT INTO ${table} (${INSERT_COLUMNS}) VALUES ${Array.from({ length: rows }, () => INSERT_PLACEHOLDERS).join(', ')}`;
}

/** ms since the epoch, or null when absent or unreadable (such a file falls in no age bucket). */
export function toMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Appends one file's parameters to `out` (no per-file array, since pages are written in bulk). */
export function pushFileParams(out: SqlValue[], file: StoredFile): void {
  out.push(file.id, file.name, file.name.toLowerCase(), file.bytes, file.purpose, toMs(file.createdAt), toMs(file.expiresAt));
}

function isoOrNull(value: unknown): string | null {
  return typeof value === 'number' ? new Date(value).toISOString() : null;
}

/** A row selected with FILE_COLUMNS, as a StoredFile; an unreadable creation date reads as ''. */
export function toStoredFile(row: Record<string, unknown>): StoredFile {
  return {
    id: String(row.file_id),
    name: String(row.name),
    bytes: Number(row.bytes),
    purpose: row.purpose === null || row.purpose === undefined ? null : String(row.purpose),
    createdAt: isoOrNull(row.created_at) ?? '',
    expiresAt: isoOrNull(row.expires_at),
  };
}
