import { z } from 'zod';
import { invoke } from '../ipc/define';
import { MAX_AUDITED_WORKSPACES } from './audit-all';
import { RecordId } from '../models/bounds';

/** Which audit a report describes: one workspace's (its run id) or all workspaces' (with an optional workspace filter). */
export const ReportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace'), runId: RecordId }),
  z.object({ kind: z.literal('all'), runId: RecordId, workspaceIds: z.array(RecordId).max(MAX_AUDITED_WORKSPACES).nullable().default(null) }),
]);
export type ReportRequest = z.input<typeof ReportRequest>;

export const reportChannels = {
  /**
   * Writes one self-contained HTML report (charts, totals, what changed since the previous audit)
   * where the user chooses with the save dialog; null path = user cancelled.
   */
  'report:save': invoke(ReportRequest, z.object({ path: z.string().nullable() })),
} as const;
