import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkspaceDraft } from '../../../shared/contract/workspaces';
import type { Workspace } from '../../../shared/models/workspaces';
import { call } from '../api';
import { queryKeys } from './keys';

/** All workspaces, which one is active and whether the keychain answered. */
export function useWorkspaces() {
  return useQuery({ queryKey: queryKeys.workspaces, queryFn: () => call('workspaces:list'), retry: false });
}

/** The active workspace, or null while loading, when none exists or the service is missing. */
export function useActiveWorkspace(): Workspace | null {
  const { data } = useWorkspaces();
  if (!data) return null;
  return data.workspaces.find((w) => w.id === data.activeId) ?? null;
}

/**
 * Switching workspace: the list of workspaces changes (active id) and nothing else needs a
 * refetch, because every listing key already includes the workspace id.
 */
export function useActivateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('workspaces:activate', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.workspaces }),
  });
}

/** Saving a workspace may change its URL or key, so its cached listings are dropped too. */
export function useSaveWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: WorkspaceDraft) => call('workspaces:save', draft),
    onSuccess: async (saved) => {
      client.removeQueries({ queryKey: queryKeys.filesOf(saved.id) });
      await client.invalidateQueries({ queryKey: queryKeys.workspaces });
    },
  });
}

/** Removing a workspace forgets its key (in main) and its cached listings (here). */
export function useRemoveWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('workspaces:remove', { id }),
    onSuccess: async (_result, id) => {
      client.removeQueries({ queryKey: queryKeys.filesOf(id) });
      await client.invalidateQueries({ queryKey: queryKeys.workspaces });
    },
  });
}

/** Test connection for a saved workspace or an unsaved draft (the key in a draft goes to main only). */
export function useTestConnection() {
  return useMutation({
    mutationFn: (target: { id: string } | { draft: WorkspaceDraft }) => call('workspaces:test', target),
  });
}
