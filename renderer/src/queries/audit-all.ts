import { useCallback, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/contract';
import { call, subscribe } from '../api';

export type AllAuditProgress = EventPayload<'auditAll:progress'>;

/** Where an all-workspaces audit stands, as its screen shows it. */
export interface AllAuditRun {
  runId: string | null;
  progress: AllAuditProgress | null;
  /** Set when starting failed (each workspace's own failure arrives in its progress line). */
  startError: unknown;
  starting: boolean;
}

const IDLE: AllAuditRun = { runId: null, progress: null, startError: null, starting: false };

/** The all-workspaces audit's report, cached under its run id. */
export const allAuditKey = (runId: string) => ['auditAll', runId] as const;

/**
 * Starts, follows and cancels the audit of every workspace. Progress (one line per workspace)
 * arrives as events; the report is fetched once the run has ended, done or cancelled (a
 * cancelled run still reports the workspaces that finished).
 */
export function useAllAuditRun() {
  const [run, setRun] = useState<AllAuditRun>(IDLE);

  useEffect(
    () =>
      subscribe('auditAll:progress', (progress) => {
        setRun((current) => (current.runId === progress.runId ? { ...current, progress } : current));
      }),
    [],
  );

  const start = useCallback(async () => {
    setRun({ ...IDLE, starting: true });
    try {
      const { runId } = await call('auditAll:start', {});
      setRun((current) => ({ ...current, runId, starting: false }));
    } catch (error) {
      setRun({ ...IDLE, startError: error });
    }
  }, []);

  const cancel = useCallback(async () => {
    if (run.runId) await call('auditAll:cancel', { runId: run.runId });
  }, [run.runId]);

  const ended = run.progress !== null && run.progress.state !== 'running';
  const report = useQuery({
    queryKey: allAuditKey(run.runId ?? ''),
    queryFn: () => call('auditAll:result', { runId: run.runId as string }),
    enabled: ended && run.runId !== null,
    staleTime: Infinity,
    retry: false,
  });

  return { run, start, cancel, report };
}
