/**
 * The one owner of "is this workspace's listing still good?".
 *
 * Every workspace has a change counter in the database. `markStale` (the app's one signal that a
 * file landed or was deleted) bumps it, and each snapshot records the value it was started under,
 * so a listing that began before the change can never count as fresh afterwards, even if it
 * finishes later; being a counter rather than a clock, it cannot be fooled by two events in the
 * same millisecond, and it survives a restart.
 */
import type { SnapshotStore } from './snapshots';
import { CatalogueError, type EnsureOptions, type Lister, type SnapshotInfo } from './types';

/** How old a current snapshot may be before `ensureCurrent` lists again (changes made outside the app). */
export const DEFAULT_MAX_AGE_MS = 5 * 60_000;

interface Run {
  seq: number;
  controller: AbortController;
  waiting: number;
  promise: Promise<SnapshotInfo>;
}

/** Decides when to list, and makes concurrent callers share one listing per workspace. */
export class Freshness {
  private readonly runs = new Map<string, Run>();
  private readonly live = new Set<Run>();

  constructor(private readonly store: SnapshotStore) {}

  markStale(workspaceId: string): void {
    this.store.bumpChangeSeq(workspaceId);
  }

  /** A complete snapshot exists, was started after the last change signal, and finished within `maxAgeMs`. */
  isFresh(workspaceId: string, maxAgeMs: number): boolean {
    const current = this.store.currentRecord(workspaceId);
    if (!current || current.finishedAt === null) return false;
    return current.changeSeq === this.store.changeSeq(workspaceId) && this.store.now() - current.finishedAt <= maxAgeMs;
  }

  /**
   * The workspace's current snapshot, listing it first if it is not fresh. Callers that arrive
   * while a listing runs wait for that same listing, unless a change was signalled after it
   * started: then a new listing is queued behind it (one listing per workspace at a time).
   */
  async ensureCurrent(workspaceId: string, lister: Lister, options: EnsureOptions = {}): Promise<SnapshotInfo> {
    options.signal?.throwIfAborted();
    if (this.isFresh(workspaceId, options.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) {
      const current = this.store.current(workspaceId);
      if (current) return current;
    }
    const seq = this.store.changeSeq(workspaceId);
    let run = this.runs.get(workspaceId);
    if (!run || run.seq !== seq) run = this.start(workspaceId, seq, lister, run);
    return this.wait(run, options.signal);
  }

  /** Stops every listing (the catalogue is closing). */
  abortAll(reason: Error): void {
    for (const run of this.live) run.controller.abort(reason);
  }

  private start(workspaceId: string, seq: number, lister: Lister, previous: Run | undefined): Run {
    const controller = new AbortController();
    const run = { seq, controller, waiting: 0 } as Run;
    this.runs.set(workspaceId, run);
    this.live.add(run);
    run.promise = (async () => {
      try {
        if (previous) await previous.promise.catch(() => undefined);
        controller.signal.throwIfAborted();
        return await this.list(workspaceId, lister, controller.signal);
      } finally {
        this.live.delete(run);
        if (this.runs.get(workspaceId) === run) this.runs.delete(workspaceId);
      }
    })();
    run.promise.catch(() => undefined);
    return run;
  }

  private async list(workspaceId: string, lister: Lister, signal: AbortSignal): Promise<SnapshotInfo> {
    const writer = this.store.begin(workspaceId);
    try {
      await lister((files) => {
        signal.throwIfAborted();
        writer.addPage(files);
      }, signal);
      signal.throwIfAborted();
      return await writer.complete();
    } catch (error) {
      if (signal.aborted) writer.cancel();
      else writer.fail();
      throw error;
    }
  }

  /** Waits for a run on behalf of one caller; the run is aborted when its last caller gives up. */
  private wait(run: Run, signal: AbortSignal | undefined): Promise<SnapshotInfo> {
    run.waiting += 1;
    if (!signal) return run.promise;
    return new Promise<SnapshotInfo>((resolve, reject) => {
      const leave = () => {
        run.waiting -= 1;
        if (run.waiting === 0) run.controller.abort(new CatalogueError('cancelled', 'every caller stopped waiting for this listing'));
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      run.promise.then(
        (info) => {
          signal.removeEventListener('abort', leave);
          resolve(info);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }
}
