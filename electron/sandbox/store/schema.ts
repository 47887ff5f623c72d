/**
 * The sandbox's SQLite schema. Every listing the dialects do is a range scan on one of these
 * indexes (equality on dialect + scope [+ purpose], then the sort key, then id as tie-breaker),
 * and `expires_at` rides along at the end so the expiry filter never leaves the index: that is
 * what keeps page 1,000 of 100,000 rows about as cheap as page 1.
 */
import type { SqlDatabase } from '../../lib/sqlite';

const STATEMENTS = [
  `PRAGMA journal_mode = WAL`,
  `PRAGMA synchronous = NORMAL`,
  `PRAGMA busy_timeout = 5000`,
  `CREATE TABLE IF NOT EXISTS files (
     id TEXT PRIMARY KEY,
     dialect TEXT NOT NULL,
     scope TEXT NOT NULL,
     filename TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     purpose TEXT NOT NULL,
     content_type TEXT NOT NULL,
     md5 TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     external_id TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS files_by_time ON files (dialect, scope, created_at, id, expires_at)`,
  `CREATE INDEX IF NOT EXISTS files_by_purpose ON files (dialect, scope, purpose, created_at, id, expires_at)`,
  `CREATE INDEX IF NOT EXISTS files_by_name ON files (dialect, scope, filename, id, expires_at)`,
  `CREATE INDEX IF NOT EXISTS files_by_hash ON files (dialect, scope, md5, purpose)`,
  `CREATE INDEX IF NOT EXISTS files_by_expiry ON files (expires_at) WHERE expires_at IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS uploads (
     id TEXT PRIMARY KEY,
     dialect TEXT NOT NULL,
     scope TEXT NOT NULL,
     filename TEXT NOT NULL,
     purpose TEXT NOT NULL,
     content_type TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     file_id TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

/** Creates tables and indexes if missing; safe to run on every start. */
export function migrate(db: SqlDatabase): void {
  for (const sql of STATEMENTS) db.exec(sql);
}
