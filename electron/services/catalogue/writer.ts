/**
 * Writes one listing into its snapshot table as the pages arrive.
 */
import type { StoredFile } from '../../../shared/models/files';
import type { SqlValue } from '../../lib/sqlite';
import type { Connection } from './connection';
import { insertSql, pushFileParams } from './rows';
import { dedupeSql, idIndexSql, indexSql, rowsTable } from './schema';
import { CatalogueError, type SnapshotInfo, type SnapshotState } from './types';

/** Files per INSERT statement: 64 × 7 parameters stays well under every SQLite's limit. */
const ROWS_PER_INSERT = 64;

/** Where a writer is: `finishing` while `complete()` builds the indexes. */
export type WriterState = 'running' | 'finishing' | SnapshotState;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a writer needs from the snapshot store. */
export interface WriterHost {
  readonly conn: Connection;
  now(): number;
  info(snapshotId: number): SnapshotInfo | null;
  settled(writer: SnapshotWriter): void;
  /** The snapshot is complete: build its remaining indexes in the background. */
  indexLater(snapshotId: number): void;
}

/**
 * A running snapshot. Each page is one transaction appended to the snapshot's table; nothing is
 * "current" until `complete()` has deduplicated and indexed the rows and flipped the state, so a
 * listing that fails, is cancelled, or dies with the app never shows up as a workspace's listing.
 */
export class SnapshotWriter {
  private phase: WriterState = 'running';
  private received = 0;

  constructor(
    private readonly host: WriterHost,
    readonly snapshotId: number,
    readonly workspaceId: string,
  ) {}

  get state(): WriterState {
    return this.phase;
  }

  /** Files received so far, before ids seen twice are dropped (for progress). */
  get filesReceived(): number {
    return this.received;
  }

  /** Appends one page (one transaction). Throws once the writer is no longer running. */
  addPage(files: readonly StoredFile[]): void {
    if (this.phase !== 'running') throw new CatalogueError('cancelled', `snapshot ${this.snapshotId} is ${this.phase}, not running`);
    if (files.length === 0) return;
    const { conn } = this.host;
    const table = rowsTable(this.snapshotId);
    conn.transaction(() => {
      let i = 0;
      let bytes = 0;
      const params: SqlValue[] = [];
      const many = files.length >= ROWS_PER_INSERT ? conn.stmt(insertSql(table, ROWS_PER_INSERT), this.snapshotId) : null;
      for (; many && i + ROWS_PER_INSERT <= files.length; i += ROWS_PER_INSERT) {
        params.length = 0;
        for (let j = i; j < i + ROWS_PER_INSERT; j += 1) {
          const file = files[j] as StoredFile;
          pushFileParams(params, file);
          bytes += file.bytes;
        }
        many.run(...params);
      }
      const one = conn.stmt(insertSql(table, 1), this.snapshotId);
      for (; i < files.length; i += 1) {
        const file = files[i] as StoredFile;
        params.length = 0;
        pushFileParams(params, file);
        one.run(...params);
        bytes += file.bytes;
      }
      conn.stmt('UPDATE snapshots SET file_count = file_count + ?, total_bytes = total_bytes + ? WHERE id = ?').run(files.length, bytes, this.snapshotId);
    });
    this.received += files.length;
  }

  /**
   * Ends the listing: drops repeated ids, builds the indexes the report and first views read,
   * and makes this the workspace's current snapshot (the other indexes follow in the background).
   * Each step is its own statement with a turn of the event loop between, so other work (and
   * other workspaces' pages) is not held up for the whole build; the state flips last, so a crash
   * midway leaves a `running` snapshot that the next open discards.
   */
  async complete(): Promise<SnapshotInfo> {
    if (this.phase !== 'running') throw new CatalogueError('cancelled', `snapshot ${this.snapshotId} is ${this.phase}, not running`);
    this.phase = 'finishing';
    const { conn } = this.host;
    const table = rowsTable(this.snapshotId);
    try {
      const repeats = await this.step(() => this.buildIdIndex());
      for (const sql of [...repeats, ...indexSql(this.snapshotId)]) await this.step(() => conn.exec(sql));
      await this.step(() =>
        conn.transaction(() => {
          const totals = conn.stmt(`SELECT count(*) AS n, total(bytes) AS b FROM ${table}`, this.snapshotId).get();
          conn
            .stmt(`UPDATE snapshots SET state = 'complete', finished_at = ?, file_count = ?, total_bytes = ? WHERE id = ?`)
            .run(this.host.now(), Number(totals?.n ?? 0), Number(totals?.b ?? 0), this.snapshotId);
        }),
      );
    } catch (error) {
      if (this.phase === 'finishing') this.end('failed');
      throw error;
    }
    this.phase = 'complete';
    this.host.settled(this);
    this.host.indexLater(this.snapshotId);
    const info = this.host.info(this.snapshotId);
    if (!info) throw new CatalogueError('not-found', `snapshot ${this.snapshotId} vanished while completing`);
    return info;
  }

  /** The listing broke off: the partial rows are dropped, the record stays as `failed`. */
  fail(): void {
    this.end('failed');
  }

  /** The listing was stopped: the partial rows are dropped, the record stays as `cancelled`. */
  cancel(): void {
    this.end('cancelled');
  }

  /** Builds the unique id index; if ids repeat, returns the statements that drop the repeats first. */
  private buildIdIndex(): string[] {
    try {
      this.host.conn.exec(idIndexSql(this.snapshotId));
      return [];
    } catch (error) {
      if (!/UNIQUE constraint failed/.test(String((error as Error).message))) throw error;
      return dedupeSql(this.snapshotId);
    }
  }

  /** One step of `complete()`, after a turn of the event loop, unless the writer was stopped meanwhile. */
  private async step<T>(work: () => T): Promise<T> {
    await nextTurn();
    this.ensureFinishing();
    return work();
  }

  private ensureFinishing(): void {
    if (this.phase !== 'finishing') throw new CatalogueError('cancelled', `snapshot ${this.snapshotId} was ${this.phase} while completing`);
  }

  private end(state: 'failed' | 'cancelled'): void {
    if (this.phase !== 'running' && this.phase !== 'finishing') return;
    this.phase = state;
    const { conn } = this.host;
    if (conn.isOpen) {
      conn.transaction(() => {
        conn.stmt('UPDATE snapshots SET state = ?, finished_at = ? WHERE id = ?').run(state, this.host.now(), this.snapshotId);
        conn.exec(`DROP TABLE IF EXISTS ${rowsTable(this.snapshotId)}`);
      });
    }
    conn.forget(this.snapshotId);
    this.host.settled(this);
  }
}
