/**
 * The indexes a snapshot gets after it is complete (see `deferredIndexSql`), built in the
 * background one statement per turn of the event loop, so an audit's report is ready before
 * every way of sorting it is. Queries never wait for them: until an index exists its query is
 * answered by a scan.
 */
import type { Connection } from './connection';
import { deferredIndexSql } from './schema';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Schedules and tracks background index builds. */
export class DeferredIndexes {
  private readonly pending = new Map<number, Promise<void>>();

  /** `isComplete` says whether a snapshot is still there to index (it may be removed meanwhile). */
  constructor(
    private readonly conn: Connection,
    private readonly isComplete: (snapshotId: number) => boolean,
  ) {}

  schedule(snapshotId: number): void {
    if (this.pending.has(snapshotId)) return;
    const run = (async () => {
      for (const sql of deferredIndexSql(snapshotId)) {
        await nextTurn();
        if (!this.conn.isOpen || !this.isComplete(snapshotId)) return;
        this.conn.exec(sql);
      }
    })()
      .catch((error: unknown) => {
        if (this.conn.isOpen && this.isComplete(snapshotId)) {
          console.error(`[catalogue] an index of snapshot ${snapshotId} could not be built (${(error as Error).message}); its queries will scan instead`);
        }
      })
      .finally(() => this.pending.delete(snapshotId));
    this.pending.set(snapshotId, run);
  }

  /** Resolves once the snapshot's background indexes are built, or will never be (removed, closed). */
  whenBuilt(snapshotId: number): Promise<void> {
    return this.pending.get(snapshotId) ?? Promise.resolve();
  }
}
