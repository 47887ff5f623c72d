import { useCallback, useEffect, useState } from 'react';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/contract';
import type { StoredFile } from '../../../shared/models/files';
import { call, subscribe } from '../api';
import { errorText } from '../lib/errors';
import { queryKeys, type InventoryBlockParams, type StaleParams } from './keys';

export type InventoryProgress = EventPayload<'inventory:progress'>;

/** Where an audit run stands, as the audit screen shows it. */
export interface InventoryRun {
  runId: string | null;
  progress: InventoryProgress | null;
  /** Set when starting failed (the run itself reports failures through progress). */
  startError: unknown;
  starting: boolean;
}

/**
 * Starts, follows and cancels a full inventory. Progress arrives as events; the report is fetched
 * once the run says it is done and cached under its run id.
 */
export function useInventoryRun(workspaceId: string | null) {
  const [run, setRun] = useState<InventoryRun>({ runId: null, progress: null, startError: null, starting: false });

  useEffect(
    () =>
      subscribe('inventory:progress', (progress) => {
        setRun((current) => (current.runId === progress.runId ? { ...current, progress } : current));
      }),
    [],
  );

  useEffect(() => {
    setRun({ runId: null, progress: null, startError: null, starting: false });
  }, [workspaceId]);

  const start = useCallback(async () => {
    if (!workspaceId) return;
    setRun({ runId: null, progress: null, startError: null, starting: true });
    try {
      const { runId } = await call('inventory:start', { workspaceId });
      setRun((current) => ({ ...current, runId, starting: false }));
    } catch (error) {
      setRun({ runId: null, progress: null, startError: error, starting: false });
    }
  }, [workspaceId]);

  const cancel = useCallback(async () => {
    if (run.runId) await call('inventory:cancel', { runId: run.runId });
  }, [run.runId]);

  const done = run.progress?.state === 'done';
  const report = useQuery({
    queryKey: queryKeys.inventory(run.runId ?? ''),
    queryFn: () => call('inventory:result', { runId: run.runId as string }),
    enabled: done && run.runId !== null,
    staleTime: Infinity,
    retry: false,
  });

  return { run, start, cancel, report, startErrorText: run.startError ? errorText(run.startError) : null };
}

/** What an audit's file list asks for, apart from which rows. */
export type InventoryView = Omit<InventoryBlockParams, 'offset' | 'limit'>;

const blockParams = (view: InventoryView, index: number, blockSize: number): InventoryBlockParams => ({ ...view, offset: index * blockSize, limit: blockSize });

/**
 * The first block of an audit's file list, which also says how many files match the view. While
 * a new view loads, the last answer stays (flagged as placeholder) so the scrollbar does not jump.
 */
export function useInventoryFirstBlock(view: InventoryView, blockSize: number) {
  const params = blockParams(view, 0, blockSize);
  return useQuery({
    queryKey: queryKeys.inventoryBlock(params),
    queryFn: () => call('inventory:files', params),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Further blocks of an audit's file list, only those in view (by index), each cached under every
 * parameter of its request. Returns the loaded ones by index, and the first error.
 */
export function useInventoryBlocks(view: InventoryView, blocks: readonly number[], blockSize: number) {
  const wanted = [...new Set(blocks)].filter((index) => index > 0);
  const results = useQueries({
    queries: wanted.map((index) => {
      const params = blockParams(view, index, blockSize);
      return { queryKey: queryKeys.inventoryBlock(params), queryFn: () => call('inventory:files', params), staleTime: Infinity, retry: false };
    }),
  });
  const loaded = new Map<number, StoredFile[]>();
  wanted.forEach((index, i) => {
    const data = results[i]?.data;
    if (data) loaded.set(index, data.files);
  });
  return { loaded, error: results.find((q) => q.error)?.error ?? null, retry: () => results.forEach((q) => void q.refetch()) };
}

/** How many files an audit holds now (less those deleted from it): the "of N files" figure. */
export function useInventoryTotal(snapshotId: number) {
  const params: InventoryBlockParams = { snapshotId, search: '', purpose: null, sort: null, offset: 0, limit: 1 };
  return useQuery({ queryKey: queryKeys.inventoryBlock(params), queryFn: () => call('inventory:files', params), staleTime: Infinity, retry: false });
}

/** The old-files question over an audit: count, bytes and a page of matches, oldest first. */
export function useStaleFiles(params: StaleParams) {
  return useQuery({
    queryKey: queryKeys.inventoryStale(params),
    queryFn: () => call('inventory:stale', params),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}

/** Re-reads everything shown from one audit (after files were deleted from it). */
export function useRefreshAudit(snapshotId: number): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: queryKeys.inventorySnapshot(snapshotId) }), [client, snapshotId]);
}
