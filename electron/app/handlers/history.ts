import { MAX_HISTORY_SELECTION, MAX_SAVED_AUDITS } from '../../../shared/contract/history';
import type { HistoryService } from '../../services/history/history-service';
import type { Handlers } from './types';

type HistoryHandlers = Pick<
  Handlers,
  'history:audits' | 'history:diff' | 'history:changes' | 'history:selectAdded' | 'history:removeAudits' | 'history:duplicates' | 'history:selectDuplicates'
>;

/** Saved audits: the timeline, what changed between two, likely duplicates, and deleting old audits. */
export function createHistoryHandlers(history: HistoryService): HistoryHandlers {
  return {
    'history:audits': async ({ workspaceId }) => history.audits(workspaceId, MAX_SAVED_AUDITS),
    'history:diff': async ({ fromSnapshotId, toSnapshotId }) => history.diff(fromSnapshotId, toSnapshotId),
    'history:changes': async ({ fromSnapshotId, toSnapshotId, side, offset, limit }) => history.changes(fromSnapshotId, toSnapshotId, side, offset, limit),
    'history:selectAdded': async ({ fromSnapshotId, toSnapshotId }) => history.selectAdded(fromSnapshotId, toSnapshotId, MAX_HISTORY_SELECTION),
    'history:removeAudits': async ({ workspaceId, snapshotIds }) => ({ removed: history.removeAudits(workspaceId, snapshotIds) }),
    'history:duplicates': async ({ snapshotId, offset, limit, filesPerGroup }) => history.duplicates(snapshotId, offset, limit, filesPerGroup),
    'history:selectDuplicates': async ({ snapshotId }) => history.selectDuplicates(snapshotId, MAX_HISTORY_SELECTION),
  };
}
