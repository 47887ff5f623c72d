import type { ActivityLog } from '../../services/activity/activity-log';
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

/** The upload queue's commands and the activity log. */
export function createUploadHandlers(uploads: UploadQueue, activity: ActivityLog): UploadHandlers {
  return {
    'uploads:preflight': ({ workspaceId, paths }) => uploads.preflight(workspaceId, paths),
    'uploads:start': ({ preflightId, purpose, duplicatePolicy }) => uploads.start(preflightId, purpose, duplicatePolicy),
    'uploads:list': async () => uploads.list(),
    'uploads:cancel': async ({ itemIds }) => ({ cancelled: uploads.cancel(itemIds) }),
    'uploads:retry': async ({ itemIds }) => ({ retried: uploads.retry(itemIds) }),
    'uploads:resume': async ({ itemIds }) => ({ resumed: uploads.resume(itemIds) }),
    'uploads:decide': async ({ itemIds, action }) => ({ decided: uploads.decide(itemIds, action) }),
    'uploads:clearFinished': async () => ({ cleared: uploads.clearFinished() }),
    'activity:list': async ({ limit }) => ({ entries: activity.list(limit) }),
  };
}
