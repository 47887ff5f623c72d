import type { ActivityLog } from '../../services/activity/activity-log';
import type { PathGrants } from '../../services/uploads/path-grants';
import type { UploadQueue } from '../../services/uploads/queue';
import type { Handlers } from './types';

type UploadHandlers = Pick<
  Handlers,
  | 'uploads:preflight'
  | 'uploads:start'
  | 'uploads:list'
  | 'uploads:cancel'
  | 'uploads:retry'
  | 'uploads:resume'
  | 'uploads:decide'
  | 'uploads:clearFinished'
  | 'activity:list'
>;

/**
 * The upload queue's commands and the activity log. Pre-flight takes grants and spends them: the
 * queue only ever sees paths the user chose (a batch's files are read only from those).
 */
export function createUploadHandlers(uploads: UploadQueue, activity: ActivityLog, grants: PathGrants): UploadHandlers {
  return {
    'uploads:preflight': async ({ workspaceId, grants: tokens }) => uploads.preflight(workspaceId, grants.redeem(tokens)),
    'uploads:start': ({ preflightId, purpose, duplicatePolicy, expiresAfterSeconds }) => uploads.start(preflightId, purpose, duplicatePolicy, expiresAfterSeconds ?? null),
    'uploads:list': async () => uploads.list(),
    'uploads:cancel': async ({ itemIds }) => ({ cancelled: uploads.cancel(itemIds) }),
    'uploads:retry': async ({ itemIds }) => ({ retried: uploads.retry(itemIds) }),
    'uploads:resume': async ({ itemIds }) => ({ resumed: uploads.resume(itemIds) }),
    'uploads:decide': async ({ itemIds, action }) => ({ decided: uploads.decide(itemIds, action) }),
    'uploads:clearFinished': async () => ({ cleared: uploads.clearFinished() }),
    'activity:list': async ({ limit }) => ({ entries: activity.list(limit) }),
  };
}
