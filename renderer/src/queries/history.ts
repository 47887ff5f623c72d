import { useCallback, useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, subscribe } from '../api';
import { queryKeys, type ChangesParams, type DuplicatesParams } from './keys';

/**
 * A workspace's saved audits, oldest first. Everything read from them is refetched whenever an
 * audit finishes (so a new audit appears on the timeline at once) and when files of the workspace
 * change (a delete from elsewhere on the screen marks them "deleted since" and drops them from the
 * duplicate groups).
 */
export function useSavedAudits(workspaceId: string) {
  const client = useQueryClient();
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.history(workspaceId) });
    const offAudit = subscribe('inventory:progress', (progress) => progress.state === 'done' && refresh());
    const offFiles = subscribe('files:changed', (changed) => changed.workspaceId === workspaceId && refresh());
    return () => {
      offAudit();
      offFiles();
    };
  }, [client, workspaceId]);
  return useQuery({ queryKey: queryKeys.historyAudits(workspaceId), queryFn: () => call('history:audits', { workspaceId }), retry: false });
}

/** Counts and bytes added and gone between two saved audits, with the totals before and after. */
export function useAuditDiff(workspaceId: string, fromSnapshotId: number, toSnapshotId: number) {
  return useQuery({
    queryKey: queryKeys.historyDiff(workspaceId, fromSnapshotId, toSnapshotId),
    queryFn: () => call('history:diff', { fromSnapshotId, toSnapshotId }),
    staleTime: Infinity,
    retry: false,
  });
}

/** One page of the added or gone files; the last page stays while the next loads. */
export function useChanges(params: ChangesParams) {
  const { workspaceId: _ws, ...input } = params;
  return useQuery({ queryKey: queryKeys.historyChanges(params), queryFn: () => call('history:changes', input), placeholderData: keepPreviousData, retry: false });
}

/** One page of likely-duplicate groups in a saved audit. */
export function useDuplicates(params: DuplicatesParams) {
  const { workspaceId: _ws, ...input } = params;
  return useQuery({ queryKey: queryKeys.historyDuplicates(params), queryFn: () => call('history:duplicates', input), placeholderData: keepPreviousData, retry: false });
}

/** Re-reads everything shown from a workspace's saved audits (after a delete of files or audits). */
export function useRefreshHistory(workspaceId: string): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: queryKeys.history(workspaceId) }), [client, workspaceId]);
}
