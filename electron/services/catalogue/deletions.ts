/**
 * Files this app deleted, by workspace. A snapshot is a record of what was listed and is never
 * rewritten; an audit's live view ("what is there now, as far as this app knows") leaves these
 * out instead (PageQuery.excludeDeleted), and so does the old-files finder, so a file is never
 * offered for deletion twice.
 */
import type { Connection } from './connection';
import type { SnapshotStore } from './snapshots';

/** Rows per INSERT: 2 parameters each stays far under every SQLite's limit. */
const ROWS_PER_INSERT = 200;

/** Records deletions and forgets the ones no kept snapshot can hold. */
export class Deletions {
  constructor(
    private readonly conn: Connection,
    private readonly store: SnapshotStore,
  ) {}

  record(workspaceId: string, fileIds: readonly string[]): void {
    if (fileIds.length === 0) return;
    const at = this.store.now();
    this.conn.transaction(() => {
      for (let i = 0; i < fileIds.length; i += ROWS_PER_INSERT) {
        const chunk = fileIds.slice(i, i + ROWS_PER_INSERT);
        const values = chunk.map(() => '(?, ?, ?)').join(', ');
        this.conn
          .stmt(`INSERT INTO deletions (workspace_id, file_id, deleted_at) VALUES ${values} ON CONFLICT (workspace_id, file_id) DO UPDATE SET deleted_at = excluded.deleted_at`)
          .run(...chunk.flatMap((id) => [workspaceId, id, at]));
      }
    });
  }

  /** Which of these ids (a page's worth) this app recorded as deleted in the workspace. */
  among(workspaceId: string, fileIds: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (let i = 0; i < fileIds.length; i += ROWS_PER_INSERT) {
      const chunk = fileIds.slice(i, i + ROWS_PER_INSERT);
      const rows = this.conn
        .stmt(`SELECT file_id FROM deletions WHERE workspace_id = ? AND file_id IN (${chunk.map(() => '?').join(', ')})`)
        .all(workspaceId, ...chunk);
      for (const row of rows) found.add(String(row.file_id));
    }
    return found;
  }

  /**
   * Drops deletions made before the workspace's oldest snapshot started: every listing kept was
   * taken after them, so none holds those files. Returns how many were dropped.
   */
  prune(workspaceId: string): number {
    const oldest = this.store.oldestStart(workspaceId);
    const stmt =
      oldest === null
        ? this.conn.stmt('DELETE FROM deletions WHERE workspace_id = ?')
        : this.conn.stmt('DELETE FROM deletions WHERE workspace_id = ? AND deleted_at < ?');
    return Number((oldest === null ? stmt.run(workspaceId) : stmt.run(workspaceId, oldest)).changes);
  }
}
