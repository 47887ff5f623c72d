/**
 * The catalogue's one SQLite connection: prepared statements cached by their SQL (and dropped
 * with the snapshot table they read, so removed snapshots leave nothing behind), transactions,
 * and a guard that turns every use after `close()` into a clear error.
 */
import type { SqlDatabase, SqlStatement } from '../../lib/sqlite';
import { CatalogueError } from './types';

/** A statement cache and transaction helper around an open database. */
export class Connection {
  private readonly shared = new Map<string, SqlStatement>();
  private readonly perSnapshot = new Map<number, Map<string, SqlStatement>>();
  private depth = 0;
  private closed = false;

  constructor(private readonly db: SqlDatabase) {}

  get binding(): SqlDatabase['binding'] {
    return this.db.binding;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Throws `closed` after `close()`, so callers fail loudly instead of touching a closed handle. */
  ensureOpen(): void {
    if (this.closed) throw new CatalogueError('closed', 'the catalogue is closed');
  }

  /**
   * A prepared statement for `sql`, prepared once. Statements that read a snapshot's own table
   * pass its id so `forget()` can drop them with the table.
   */
  stmt(sql: string, snapshotId?: number): SqlStatement {
    this.ensureOpen();
    let cache = this.shared;
    if (snapshotId !== undefined) {
      cache = this.perSnapshot.get(snapshotId) ?? new Map();
      this.perSnapshot.set(snapshotId, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }

  /** A statement prepared for one use (it reads two snapshot tables, so no single cache owns it). */
  once(sql: string): SqlStatement {
    this.ensureOpen();
    return this.db.prepare(sql);
  }

  /** Drops the cached statements of a snapshot whose table is gone. */
  forget(snapshotId: number): void {
    this.perSnapshot.delete(snapshotId);
  }

  exec(sql: string): void {
    this.ensureOpen();
    this.db.exec(sql);
  }

  /**
   * Runs `work` in one transaction, rolled back if it throws. A nested call joins the outer
   * transaction (SQLite has no nested BEGIN), so helpers can be transactional on their own.
   */
  transaction<T>(work: () => T): T {
    this.ensureOpen();
    if (this.depth > 0) return work();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth += 1;
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.shared.clear();
    this.perSnapshot.clear();
    this.db.close();
  }
}
