import { z } from 'zod';
import { invoke } from '../ipc/define';
import { LIMITS, RecordId } from '../models/bounds';
import { PROVIDER_KINDS } from '../models/providers';
import { MAX_PURPOSE_LABEL, MAX_REPORT_PURPOSES } from './inventory';

/** Most workspaces one all-workspaces audit covers (far above any honest setup). */
export const MAX_AUDITED_WORKSPACES = 200;

const Tally = { count: z.number().int().min(0), bytes: z.number().min(0) };
const ErrorShape = z.object({ code: z.string().max(100), message: z.string().max(2000) });
const PurposeRow = z.object({ purpose: z.string().max(MAX_PURPOSE_LABEL), ...Tally });
const AgeRow = z.object({ label: z.string().max(40), ...Tally });

/** Where one workspace's listing stands within an all-workspaces audit. */
export const WorkspaceAuditState = z.enum(['waiting', 'running', 'done', 'failed', 'cancelled']);
export type WorkspaceAuditState = z.infer<typeof WorkspaceAuditState>;

/** One progress line: a workspace, its state, what it has listed so far, and why it failed. */
export const WorkspaceProgress = z.object({
  workspaceId: z.string().max(LIMITS.id),
  name: z.string().max(500),
  provider: z.enum(PROVIDER_KINDS),
  builtIn: z.boolean(),
  state: WorkspaceAuditState,
  files: z.number().int().min(0),
  bytes: z.number().min(0),
  pages: z.number().int().min(0),
  error: ErrorShape.nullable(),
});
export type WorkspaceProgress = z.infer<typeof WorkspaceProgress>;

/**
 * One workspace's part of the finished audit: its totals and charts when its listing completed
 * (saved as a normal audit snapshot, `snapshotId`), or its state and reason when it did not.
 */
export const WorkspaceAudit = WorkspaceProgress.omit({ files: true, bytes: true, pages: true }).extend({
  snapshotId: z.number().int().min(1).nullable(),
  finishedAt: z.string().max(40).nullable(),
  totalFiles: z.number().int().min(0),
  totalBytes: z.number().min(0),
  byPurpose: z.array(PurposeRow).max(MAX_REPORT_PURPOSES + 1),
  ageBuckets: z.array(AgeRow).max(12),
});
export type WorkspaceAudit = z.infer<typeof WorkspaceAudit>;

/** The finished all-workspaces audit: one entry per workspace, in the sidebar's order. */
export const AllAuditReport = z.object({
  runId: z.string().max(100),
  finishedAt: z.string().max(40),
  workspaces: z.array(WorkspaceAudit).max(MAX_AUDITED_WORKSPACES),
});
export type AllAuditReport = z.infer<typeof AllAuditReport>;

/** Which workspaces an export or report covers: null for all of them. */
const WorkspaceFilter = z.array(RecordId).max(MAX_AUDITED_WORKSPACES).nullable().default(null);

export const auditAllChannels = {
  /** Lists every workspace at once (each provider within its limits); progress arrives as `auditAll:progress`. */
  'auditAll:start': invoke(z.object({}).strict(), z.object({ runId: z.string() })),
  /** Stops every listing still running; those already finished keep their snapshots. */
  'auditAll:cancel': invoke(z.object({ runId: RecordId }), z.object({ cancelled: z.boolean() })),
  'auditAll:result': invoke(z.object({ runId: RecordId }), AllAuditReport),
  /** CSV or JSON of every file of the chosen workspaces, each row naming its workspace; null path = user cancelled. */
  'auditAll:export': invoke(
    z.object({ runId: RecordId, format: z.enum(['csv', 'json']), workspaceIds: WorkspaceFilter }),
    z.object({ path: z.string().nullable() }),
  ),
} as const;

export const auditAllEvents = {
  'auditAll:progress': z.object({
    runId: z.string(),
    state: z.enum(['running', 'done', 'cancelled']),
    workspaces: z.array(WorkspaceProgress).max(MAX_AUDITED_WORKSPACES),
  }),
} as const;
