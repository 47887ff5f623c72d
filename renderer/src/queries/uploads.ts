import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DuplicatePolicy, UploadItem, UploadSummary } from '../../../shared/models/uploads';
import { call, subscribe } from '../api';
import { queryKeys } from './keys';

/** The queue as the panel shows it: every item in order, and the counts for the summary line. */
export interface QueueState {
  items: UploadItem[];
  summary: UploadSummary;
}

/** The upload queue, seeded from main and kept current by useUploadEvents. */
export function useUploadQueue() {
  return useQuery({ queryKey: queryKeys.uploads, queryFn: () => call('uploads:list'), retry: false, staleTime: Infinity });
}

const FLUSH_MS = 100;

function applyPatch(client: QueryClient, pending: Map<string, UploadItem>, summary: UploadSummary | null): void {
  client.setQueryData<QueueState>(queryKeys.uploads, (old) => {
    if (!old) return old;
    const items = old.items.slice();
    const index = new Map(items.map((item, i) => [item.id, i]));
    for (const item of pending.values()) {
      const at = index.get(item.id);
      if (at === undefined) items.push(item);
      else items[at] = item;
    }
    return { items, summary: summary ?? old.summary };
  });
}

/**
 * Listens to main's throttled progress events and folds them into the cached queue at most ten
 * times a second, so 10,000 queued files cost one array copy per tick rather than one render per
 * event. (Listings refresh on `files:changed`, not here: see useFileChanges.)
 */
export function useUploadEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const pending = new Map<string, UploadItem>();
    let summary: UploadSummary | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!client.getQueryData(queryKeys.uploads)) void client.invalidateQueries({ queryKey: queryKeys.uploads });
      else applyPatch(client, pending, summary);
      pending.clear();
      summary = null;
    };
    const schedule = () => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    const offProgress = subscribe('uploads:progress', ({ items }) => {
      for (const item of items) pending.set(item.id, item);
      schedule();
    });
    const offSummary = subscribe('uploads:summary', (next) => {
      summary = next;
      schedule();
    });
    return () => {
      offProgress();
      offSummary();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
}

/** Asks main to walk what was dropped or picked (by grant) and say what would be sent. */
export function usePreflight() {
  return useMutation({
    mutationFn: (input: { workspaceId: string; grants: string[] }) => call('uploads:preflight', input),
  });
}

/** Starts the batch the user confirmed in the pre-flight dialog. */
export function useStartUploads() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { preflightId: string; purpose: string; duplicatePolicy: DuplicatePolicy; expiresAfterSeconds: number | null }) => call('uploads:start', input),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.uploads }),
  });
}

type QueueAction = 'cancel' | 'retry' | 'resume' | 'skip' | 'upload' | 'clear';

async function runAction(action: QueueAction, itemIds?: string[]): Promise<unknown> {
  switch (action) {
    case 'cancel':
      return call('uploads:cancel', { itemIds });
    case 'retry':
      return call('uploads:retry', { itemIds });
    case 'resume':
      return call('uploads:resume', { itemIds });
    case 'skip':
    case 'upload':
      return call('uploads:decide', { itemIds, action });
    case 'clear':
      return call('uploads:clearFinished');
  }
}

/**
 * The queue panel's buttons (one item when ids are given, all applicable ones otherwise). The
 * queue is re-read afterwards so a cleared or re-queued item shows its real state.
 */
export function useQueueAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, itemIds }: { action: QueueAction; itemIds?: string[] }) => runAction(action, itemIds),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.uploads }),
  });
}
