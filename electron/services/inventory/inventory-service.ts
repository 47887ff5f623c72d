import { randomUUID } from 'node:crypto';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { InventoryReport } from '../../../shared/contract/inventory';
import type { Connection } from '../workspaces/workspace-service';
import { writeExport } from './export';
import { listAll } from './list-all';
import type { InventoryEvents, SavePathChooser } from './ports';
import { buildReport } from './report';

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
 * The audit: a full listing of a workspace with progress events and cancel, turned into totals,
 * age buckets and the expiring-soon list, kept so the window can fetch and export it.
 */
export class InventoryService {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly connect: (workspaceId: string) => Promise<Connection>,
    private readonly events: InventoryEvents,
    private readonly savePaths: SavePathChooser,
  ) {}

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
    void listAll(adapter, {
      signal: run.controller.signal,
      onPage: (files) => {
        counts.pages += 1;
        counts.files += files.length;
        for (const f of files) counts.bytes += f.bytes;
        progress(false);
      },
    }).then(
      (files) => {
        if (run.controller.signal.aborted) return;
        run.report = buildReport(runId, workspaceId, files);
        run.state = 'done';
        counts.files = files.length;
        counts.bytes = run.report.totalBytes;
        progress(true);
      },
      (error: unknown) => {
        run.state = run.controller.signal.aborted ? 'cancelled' : 'failed';
        run.error = run.state === 'failed' ? toErrorShape(error) : null;
        progress(true);
      },
    );
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

  async export(runId: string, format: 'csv' | 'json'): Promise<{ path: string | null }> {
    const report = this.result(runId);
    const date = report.finishedAt.slice(0, 10);
    const path = await this.savePaths.pickSavePath({
      defaultName: `stowage-audit-${date}.${format}`,
      filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
    });
    if (!path) return { path: null };
    try {
      await writeExport(path, report, format);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError('invalid_input', `The export could not be written there${code ? ` (${code})` : ''}. Choose another folder and try again.`);
    }
    return { path };
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }
}
