/**
 * The snapshot registry: which listings exist, which is current, and when they go away.
 */
import type { Connection } from './connection';
import { DeferredIndexes } from './indexing';
import { createRowsTableSql, rowsTable } from './schema';
import { CatalogueError, type RetainOptions, type SnapshotInfo, type SnapshotKind, type SnapshotState, type TimelinePoint } from './types';
import { SnapshotWriter, type WriterHost } from './writer';

const COLUMNS = 'id, workspace_id, kind, change_seq, state, started_at, finished_at, file_count, total_bytes';

/** A snapshot row with the change counter it was started under (for freshness). */
export interface SnapshotRecord extends SnapshotInfo {
  changeSeq: number;
}

function toRecord(row: Record<string, unknown>): SnapshotRecord {
  return {
    id: Number(row.id),
    workspaceId: String(row.workspace_id),
    kind: String(row.kind) as SnapshotKind,
    state: String(row.state) as SnapshotState,
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    fileCount: Number(row.file_count),
    totalBytes: Number(row.total_bytes),
    changeSeq: Number(row.change_seq),
  };
}

function toInfo({ changeSeq: _seq, ...info }: SnapshotRecord): SnapshotInfo {
  return info;
}

/** Creates, finds, lists and removes snapshots; owns the writers that are still open. */
export class SnapshotStore {
  private readonly writers = new Map<number, SnapshotWriter>();
  private readonly host: WriterHost;
  /** Indexes built after completion (see schema.ts). */
  readonly indexes: DeferredIndexes;

  constructor(
    readonly conn: Connection,
    readonly now: () => number,
  ) {
    this.indexes = new DeferredIndexes(conn, (id) => this.get(id)?.state === 'complete');
    this.host = {
      conn,
      now,
      info: (id) => this.get(id),
      settled: (writer) => this.writers.delete(writer.snapshotId),
      indexLater: (id) => this.indexes.schedule(id),
    };
  }

  /**
   * Listings that were running when the app last stopped can never be completed: they are marked
   * failed and their partial rows dropped; complete snapshots whose background indexes were cut
   * short get them (the statements skip indexes that exist). Call once, right after opening.
   */
  recoverInterrupted(): void {
    for (const row of this.conn.stmt(`SELECT id FROM snapshots WHERE state = 'complete'`).all()) this.indexes.schedule(Number(row.id));
    const running = this.conn.stmt(`SELECT id FROM snapshots WHERE state = 'running'`).all();
    for (const row of running) {
      const id = Number(row.id);
      this.conn.transaction(() => {
        this.conn.stmt(`UPDATE snapshots SET state = 'failed', finished_at = coalesce(finished_at, started_at) WHERE id = ?`).run(id);
        this.conn.exec(`DROP TABLE IF EXISTS ${rowsTable(id)}`);
      });
    }
  }

  /** The workspace's change counter: bumped by every `markStale`, recorded by every `begin`. */
  changeSeq(workspaceId: string): number {
    const row = this.conn.stmt('SELECT change_seq FROM workspaces WHERE workspace_id = ?').get(workspaceId);
    return row ? Number(row.change_seq) : 0;
  }

  bumpChangeSeq(workspaceId: string): void {
    this.conn
      .stmt('INSERT INTO workspaces (workspace_id, change_seq) VALUES (?, 1) ON CONFLICT (workspace_id) DO UPDATE SET change_seq = change_seq + 1')
      .run(workspaceId);
  }

  begin(workspaceId: string, kind: SnapshotKind = 'listing'): SnapshotWriter {
    const id = this.conn.transaction(() => {
      const row = this.conn
        .stmt(`INSERT INTO snapshots (workspace_id, kind, change_seq, state, started_at) VALUES (?, ?, ?, 'running', ?) RETURNING id`)
        .get(workspaceId, kind, this.changeSeq(workspaceId), this.now());
      const snapshotId = Number(row?.id);
      this.conn.exec(createRowsTableSql(snapshotId));
      return snapshotId;
    });
    const writer = new SnapshotWriter(this.host, id, workspaceId);
    this.writers.set(id, writer);
    return writer;
  }

  record(snapshotId: number): SnapshotRecord | null {
    const row = this.conn.stmt(`SELECT ${COLUMNS} FROM snapshots WHERE id = ?`).get(snapshotId);
    return row ? toRecord(row) : null;
  }

  get(snapshotId: number): SnapshotInfo | null {
    const record = this.record(snapshotId);
    return record ? toInfo(record) : null;
  }

  /** A complete snapshot's table, or a CatalogueError saying why it cannot be read. */
  readable(snapshotId: number): { table: string; info: SnapshotInfo } {
    const info = this.get(snapshotId);
    if (!info) throw new CatalogueError('not-found', `no snapshot ${snapshotId}`);
    if (info.state !== 'complete') throw new CatalogueError('not-complete', `snapshot ${snapshotId} is ${info.state}`);
    return { table: rowsTable(snapshotId), info };
  }

  /** The newest complete snapshot (by start: a later listing reflects a later state). */
  currentRecord(workspaceId: string): SnapshotRecord | null {
    const row = this.conn
      .stmt(`SELECT ${COLUMNS} FROM snapshots WHERE workspace_id = ? AND state = 'complete' ORDER BY id DESC LIMIT 1`)
      .get(workspaceId);
    return row ? toRecord(row) : null;
  }

  current(workspaceId: string): SnapshotInfo | null {
    const record = this.currentRecord(workspaceId);
    return record ? toInfo(record) : null;
  }

  /** Snapshots newest first, of one workspace or all. */
  list(workspaceId?: string): SnapshotInfo[] {
    const rows =
      workspaceId === undefined
        ? this.conn.stmt(`SELECT ${COLUMNS} FROM snapshots ORDER BY id DESC`).all()
        : this.conn.stmt(`SELECT ${COLUMNS} FROM snapshots WHERE workspace_id = ? ORDER BY id DESC`).all(workspaceId);
    return rows.map((row) => toInfo(toRecord(row)));
  }

  /** Complete snapshots oldest first: the workspace's history of size. */
  timeline(workspaceId: string): TimelinePoint[] {
    return this.conn
      .stmt(`SELECT id, kind, started_at, finished_at, file_count, total_bytes FROM snapshots WHERE workspace_id = ? AND state = 'complete' ORDER BY id`)
      .all(workspaceId)
      .map((row) => ({
        snapshotId: Number(row.id),
        kind: String(row.kind) as SnapshotKind,
        startedAt: Number(row.started_at),
        finishedAt: Number(row.finished_at),
        fileCount: Number(row.file_count),
        totalBytes: Number(row.total_bytes),
      }));
  }

  /** Removes a snapshot and its rows; a running one is cancelled first. False if there was none. */
  remove(snapshotId: number): boolean {
    this.writers.get(snapshotId)?.cancel();
    const removed = this.conn.transaction(() => {
      this.conn.exec(`DROP TABLE IF EXISTS ${rowsTable(snapshotId)}`);
      return Number(this.conn.stmt('DELETE FROM snapshots WHERE id = ?').run(snapshotId).changes) > 0;
    });
    this.conn.forget(snapshotId);
    return removed;
  }

  /**
   * Keeps the newest `keep` complete snapshots of a workspace (of one kind, if given) and drops
   * older ones, plus failed/cancelled records older than the current snapshot (a failure after it
   * stays visible). The current snapshot and `keepIds` are never dropped. Returns the ids removed.
   */
  retain(workspaceId: string, keep: number, options: RetainOptions = {}): number[] {
    const limit = Math.max(1, Math.floor(keep));
    const kinds = options.kind ? [options.kind] : ['listing', 'audit'];
    const inKinds = `kind IN (${kinds.map(() => '?').join(', ')})`;
    const current = this.currentRecord(workspaceId);
    const spared = new Set(options.keepIds ?? []);
    if (current) spared.add(current.id);
    const complete = this.conn
      .stmt(`SELECT id FROM snapshots WHERE workspace_id = ? AND ${inKinds} AND state = 'complete' ORDER BY id DESC LIMIT -1 OFFSET ?`)
      .all(workspaceId, ...kinds, limit);
    const ended = current
      ? this.conn.stmt(`SELECT id FROM snapshots WHERE workspace_id = ? AND ${inKinds} AND state IN ('failed', 'cancelled') AND id < ?`).all(workspaceId, ...kinds, current.id)
      : [];
    const ids = [...complete, ...ended].map((row) => Number(row.id)).filter((id) => !spared.has(id));
    for (const id of ids) this.remove(id);
    return ids;
  }

  /** The oldest start among a workspace's snapshots in any state, or null when it has none. */
  oldestStart(workspaceId: string): number | null {
    const row = this.conn.stmt('SELECT min(started_at) AS t FROM snapshots WHERE workspace_id = ?').get(workspaceId);
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  /** Cancels every open writer (their partial rows dropped), for `close()`. */
  cancelWriters(): void {
    for (const writer of [...this.writers.values()]) writer.cancel();
  }
}
