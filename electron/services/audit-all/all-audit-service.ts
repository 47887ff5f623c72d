import { randomUUID } from 'node:crypto';
import type { AllAuditReport, WorkspaceAudit, WorkspaceProgress } from '../../../shared/contract/audit-all';
import { AppError, toErrorShape } from '../../../shared/errors';
import { AuditReader } from '../inventory/audit-reader';
import type { SavePathChooser } from '../inventory/ports';
import { foldPurposes } from '../inventory/purposes';
import type { WorkspaceListings } from '../listings/workspace-listings';
import { writeAllExport } from './export-all';
import { runAll } from './parallel-runner';
import type { AllAuditEvents, WorkspaceSource } from './ports';

/**
 * Workspaces of one provider listed at the same time. Each listing already keeps several pages
 * in flight, and a provider's rate limits count per account or per source address, so two at
 * once is as far as Stowage presses any one provider.
 */
export const PER_PROVIDER = 2;
/** Listings at the same time in all (the catalogue writes each to disk as it goes). */
export const TOTAL_AT_ONCE = 6;

const PROGRESS_INTERVAL_MS = 200;
const KEPT_RUNS = 3;

interface Run {
  controller: AbortController;
  state: 'running' | 'done' | 'cancelled';
  lines: WorkspaceProgress[];
  audits: WorkspaceAudit[];
  finishedAt: string | null;
}

/** The built-in sandbox runs on this computer and has no provider limits to share. */
const groupOf = (line: WorkspaceProgress) => (line.builtIn ? 'local' : line.provider);

const NOT_ANSWERED = { code: 'server_error', message: 'The workspace did not answer. Check the connection and its key, then run the audit again.' };

/**
 * "Audit all workspaces": every workspace listed in parallel (within PER_PROVIDER and
 * TOTAL_AT_ONCE) into its own normal audit snapshot, so each one's history and "what changed"
 * work exactly as after a single audit. A workspace that fails (bad key, offline) is reported
 * with its reason while the others finish; Cancel stops them all.
 */
export class AllAuditService {
  private readonly runs = new Map<string, Run>();
  private readonly reader: AuditReader;

  constructor(
    private readonly workspaces: WorkspaceSource,
    private readonly listings: WorkspaceListings,
    private readonly events: AllAuditEvents,
    private readonly savePaths: SavePathChooser,
    private readonly limits: { perProvider?: number; total?: number } = {},
  ) {
    this.reader = new AuditReader(listings.catalogue);
  }

  /**
   * Starts the audit, or answers the one already running (one at a time: two would list every
   * workspace twice and press each provider twice as hard).
   */
  async start(): Promise<{ runId: string }> {
    for (const [id, existing] of this.runs) if (existing.state === 'running') return { runId: id };
    const { workspaces } = await this.workspaces.list();
    const runId = randomUUID();
    const lines: WorkspaceProgress[] = workspaces.map((w) => ({
      workspaceId: w.id,
      name: w.name,
      provider: w.provider,
      builtIn: w.builtIn,
      state: 'waiting',
      files: 0,
      bytes: 0,
      pages: 0,
      error: null,
    }));
    const run: Run = { controller: new AbortController(), state: 'running', lines, audits: [], finishedAt: null };
    this.runs.set(runId, run);
    for (const id of this.runs.keys()) if (this.runs.size > KEPT_RUNS && this.runs.get(id)?.state !== 'running') this.runs.delete(id);

    let lastSent = 0;
    const send = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      this.events.progress({ runId, state: run.state, workspaces: run.lines.map((l) => ({ ...l })) });
    };
    const snapshots = new Map<string, number>();

    void runAll({
      jobs: lines,
      groupOf,
      perGroup: this.limits.perProvider ?? PER_PROVIDER,
      total: this.limits.total ?? TOTAL_AT_ONCE,
      signal: run.controller.signal,
      onStart: (line) => {
        line.state = 'running';
        send(true);
      },
      run: async (line, signal) => {
        const { adapter } = await this.workspaces.connect(line.workspaceId);
        signal.throwIfAborted();
        const info = await this.listings.audit(line.workspaceId, adapter, {
          signal,
          onPage: (files) => {
            line.pages += 1;
            line.files += files.length;
            for (const f of files) line.bytes += f.bytes;
            send(false);
          },
        });
        line.files = info.fileCount;
        line.bytes = info.totalBytes;
        snapshots.set(line.workspaceId, info.id);
      },
      onSettled: (line, _index, outcome) => {
        line.state = outcome.state;
        line.error = outcome.state === 'failed' ? plainError(outcome.error) : null;
        send(true);
      },
    }).then(() => {
      run.audits = run.lines.map((line) => this.audit(line, snapshots.get(line.workspaceId) ?? null));
      run.finishedAt = new Date().toISOString();
      run.state = run.controller.signal.aborted ? 'cancelled' : 'done';
      send(true);
    });
    send(true);
    return { runId };
  }

  /** Cancel all: running listings stop (their partial rows are dropped), waiting ones never start. */
  cancel(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.state !== 'running' || run.controller.signal.aborted) return false;
    run.controller.abort();
    return true;
  }

  /** The finished audit: every workspace's totals and charts, or its state and reason. */
  result(runId: string): AllAuditReport {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not_found', 'That audit is no longer available. Run the audit of all workspaces again.');
    if (!run.finishedAt) throw new AppError('conflict', 'The audit is still running. Wait for it to finish.');
    return { runId, finishedAt: run.finishedAt, workspaces: run.audits };
  }

  /**
   * Writes every file of the chosen workspaces (all when `workspaceIds` is null) where the user
   * chooses, each row naming its workspace. The snapshots are held so retention cannot drop one halfway.
   */
  async export(runId: string, format: 'csv' | 'json', workspaceIds: readonly string[] | null): Promise<{ path: string | null }> {
    const report = this.result(runId);
    const chosen = report.workspaces.filter((w) => w.snapshotId !== null && (workspaceIds === null || workspaceIds.includes(w.workspaceId)));
    if (chosen.length === 0) throw new AppError('invalid_input', 'None of the chosen workspaces finished its listing, so there is nothing to export. Run the audit again.');
    const path = await this.savePaths.pickSavePath({
      defaultName: `stowage-audit-all-${report.finishedAt.slice(0, 10)}.${format}`,
      filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
    });
    if (!path) return { path: null };
    const releases = chosen.map((w) => this.listings.hold(w.snapshotId as number));
    try {
      const parts = chosen.map((workspace) => ({ workspace, rows: () => this.reader.rows(workspace.snapshotId as number) }));
      await writeAllExport(path, { ...report, workspaces: chosen }, parts, format);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError('invalid_input', `The export could not be written there${code ? ` (${code})` : ''}. Choose another folder and try again.`);
    } finally {
      for (const release of releases) release();
    }
    return { path };
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }

  private audit(line: WorkspaceProgress, snapshotId: number | null): WorkspaceAudit {
    const base = { workspaceId: line.workspaceId, name: line.name, provider: line.provider, builtIn: line.builtIn, error: line.error };
    if (line.state !== 'done' || snapshotId === null) {
      return { ...base, state: line.state, snapshotId: null, finishedAt: null, totalFiles: 0, totalBytes: 0, byPurpose: [], ageBuckets: [] };
    }
    try {
      const report = this.listings.catalogue.report(snapshotId, { expiringLimit: 0, now: this.listings.catalogue.snapshot(snapshotId)?.finishedAt ?? Date.now() });
      return {
        ...base,
        state: 'done',
        snapshotId,
        finishedAt: report.finishedAt,
        totalFiles: report.totalFiles,
        totalBytes: report.totalBytes,
        byPurpose: foldPurposes(report.byPurpose),
        ageBuckets: report.ageBuckets,
      };
    } catch (error) {
      return { ...base, state: 'failed', error: plainError(error), snapshotId: null, finishedAt: null, totalFiles: 0, totalBytes: 0, byPurpose: [], ageBuckets: [] };
    }
  }
}

/** The error as the window shows it: the provider's or connection's own words, or a plain fallback. */
function plainError(error: unknown): { code: string; message: string } {
  const shape = toErrorShape(error);
  return shape.message ? { code: shape.code, message: shape.message.slice(0, 2000) } : NOT_ANSWERED;
}
