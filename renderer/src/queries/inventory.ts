import { useCallback, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/contract';
import { call, subscribe } from '../api';
import { errorText } from '../lib/errors';
import { queryKeys } from './keys';

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
