import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call, subscribe } from '../api';
import { queryKeys, type PageParams } from './keys';

/**
 * One page of the file table. The previous page stays on screen while the next one loads
 * (keepPreviousData), so paging and filtering never flash an empty table.
 */
export function useFilePage(params: PageParams | null) {
  return useQuery({
    queryKey: params ? queryKeys.filePage(params) : ['files', 'none'],
    queryFn: () => call('files:list', params as PageParams),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/**
 * Deletes exactly the ids given (the ones the user saw in the confirmation). Main announces
 * `files:changed` for the workspace, which refreshes its listings (useFileChanges).
 */
export function useDeleteFiles(workspaceId: string) {
  return useMutation({
    mutationFn: (ids: string[]) => call('files:delete', { workspaceId, ids }),
  });
}

/** Marks every listing of the workspace stale (the pages on screen refetch); previews are left alone. */
export function invalidateListsOf(client: QueryClient, workspaceId: string): Promise<void> {
  return client.invalidateQueries({ queryKey: queryKeys.fileLists(workspaceId) });
}

/**
 * The one way "files changed" reaches the window: main emits `files:changed {workspaceId}` when
 * an upload lands or a delete goes through, and exactly that workspace's listings refresh.
 */
export function useFileChanges(): void {
  const client = useQueryClient();
  useEffect(() => subscribe('files:changed', ({ workspaceId }) => void invalidateListsOf(client, workspaceId)), [client]);
}

/** Where the preview pane may load a file from, and how to show it. */
export function usePreview(workspaceId: string, id: string | null) {
  return useQuery({
    queryKey: queryKeys.preview(workspaceId, id ?? ''),
    queryFn: () => call('files:preview', { workspaceId, id: id as string }),
    enabled: id !== null,
    retry: false,
    staleTime: 60_000,
  });
}

/** The first bytes of a text-like file, fetched by main (the renderer never holds the key). */
export function usePreviewText(workspaceId: string, id: string, enabled: boolean, maxBytes = 65_536) {
  return useQuery({
    queryKey: queryKeys.previewText(workspaceId, id, maxBytes),
    queryFn: () => call('files:previewText', { workspaceId, id, maxBytes }),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}
