import { randomUUID } from 'node:crypto';
import { AppError, toErrorShape } from '../../../shared/errors';
import { MAX_EXPIRING_SHOWN, MAX_STALE_SELECTION, type InventoryReport } from '../../../shared/contract/inventory';
import type { StoredFile } from '../../../shared/models/files';
import type { WorkspaceListings } from '../listings/workspace-listings';
import type { Connection } from '../workspaces/workspace-service';
import { AuditReader, type FilesPageQuery, type StaleAnswer, type StaleQuestion } from './audit-reader';
import { writeExport } from './export';
import type { InventoryEvents, SavePathChooser } from './ports';
import { foldPurposes } from './purposes';

interface Run {
  workspaceId: string;
  controller: AbortController;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  report: InventoryReport | null;
  error: { code: string; message: string } | null;
}

const PROGRESS_INTERVAL_MS = 200;
const KEPT_RUNS = 5;

/**
 * The audit: a fresh listing of a workspace streamed into a new audit snapshot in the catalogue
 * (progress events, cancel), its report computed in SQL, and its files served a page at a time,
 * so a workspace of a million files costs the window no more than one of a thousand. Runs are
 * kept briefly in memory by run id; their snapshots outlive them (the catalogue's retention).
 */
export class InventoryService {
  private readonly runs = new Map<string, Run>();
  private readonly reader: AuditReader;

  constructor(
    private readonly connect: (workspaceId: string) => Promise<Connection>,
    private readonly events: InventoryEvents,
    private readonly savePaths: SavePathChooser,
    private readonly listings: WorkspaceListings,
  ) {
    this.reader = new AuditReader(listings.catalogue);
  }

  async start(workspaceId: string): Promise<{ runId: string }> {
    const { adapter } = await this.connect(workspaceId);
    const runId = randomUUID();
    const run: Run = { workspaceId, controller: new AbortController(), state: 'running', report: null, error: null };
    this.runs.set(runId, run);
    for (const id of this.runs.keys()) if (this.runs.size > KEPT_RUNS && this.runs.get(id)?.state !== 'running') this.runs.delete(id);
    const counts = { files: 0, bytes: 0, pages: 0 };
    let lastSent = 0;
    const progress = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      this.events.progress({ runId, ...counts, state: run.state, error: run.error });
    };
    const { signal } = run.controller;
    void this.listings
      .audit(workspaceId, adapter, {
        signal,
        onPage: (files) => {
          counts.pages += 1;
          counts.files += files.length;
          for (const f of files) counts.bytes += f.bytes;
          progress(false);
        },
      })
      .then((info) => {
        if (signal.aborted) return;
        const report = this.listings.catalogue.report(info.id, { now: info.finishedAt ?? Date.now(), expiringLimit: MAX_EXPIRING_SHOWN });
        run.report = { ...report, runId, byPurpose: foldPurposes(report.byPurpose) };
        run.state = 'done';
        counts.files = info.fileCount;
        counts.bytes = info.totalBytes;
        progress(true);
      })
      .catch((error: unknown) => {
        run.state = signal.aborted ? 'cancelled' : 'failed';
        run.error = run.state === 'failed' ? toErrorShape(error) : null;
        progress(true);
      });
    progress(true);
    return { runId };
  }

  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.state !== 'running') return false;
    run.state = 'cancelled';
    run.controller.abort();
    this.events.progress({ runId, files: 0, bytes: 0, pages: 0, state: 'cancelled', error: null });
    return true;
  }

  result(runId: string): InventoryReport {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not_found', 'That audit is no longer available. Run the audit again.');
    if (run.state === 'running') throw new AppError('conflict', 'The audit is still running. Wait for it to finish.');
    if (!run.report) throw new AppError(run.state === 'cancelled' ? 'cancelled' : 'server_error', run.error?.message ?? 'The audit did not finish. Run it again.');
    return run.report;
  }

  /** A page of an audit's files (search, purpose, sort), without the files deleted since. */
  files(query: FilesPageQuery): { files: StoredFile[]; total: number } {
    return this.reader.files(query);
  }

  /** How many files are older than N days (of a purpose), their size, and a page of them, oldest first. */
  stale(question: StaleQuestion, offset: number, limit: number): StaleAnswer {
    return this.reader.stale(question, offset, limit);
  }

  /** Every file the same question matches, oldest first, up to what one bulk delete takes. */
  selectStale(question: StaleQuestion): { files: StoredFile[]; total: number } {
    return this.reader.selectStale(question, MAX_STALE_SELECTION);
  }

  /**
   * Writes the audit (its report, then every file it counted) where the user chooses. Rows are
   * streamed from the snapshot, which is held so retention cannot drop it halfway.
   */
  async export(runId: string, format: 'csv' | 'json'): Promise<{ path: string | null }> {
    const report = this.result(runId);
    const date = report.finishedAt.slice(0, 10);
    const path = await this.savePaths.pickSavePath({
      defaultName: `stowage-audit-${date}.${format}`,
      filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
    });
    if (!path) return { path: null };
    const release = this.listings.hold(report.snapshotId);
    try {
      await writeExport(path, report, this.reader.rows(report.snapshotId), format);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError('invalid_input', `The export could not be written there${code ? ` (${code})` : ''}. Choose another folder and try again.`);
    } finally {
      release();
    }
    return { path };
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }
}
