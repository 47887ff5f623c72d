import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Workspace } from '../../../../shared/models/workspaces';
import { call } from '../../api';
import { errorText } from '../../lib/errors';
import { usePreflight } from '../../queries/uploads';
import type { LocalRejection } from './local-rejection';
import { PreflightDialog } from './preflight-dialog';

interface Starter {
  /** Runs the pre-flight for these grants and opens the one confirmation dialog for the batch. */
  addGrants: (grants: string[], rejected?: LocalRejection[]) => void;
  /** Opens the native picker through main (files, or folders), then the pre-flight. */
  pick: (folders: boolean) => void;
  pickError: string | null;
}

const StarterContext = createContext<Starter | null>(null);

/** The toolbar's "Add files…" and the drop target share this; it is provided once by the shell. */
export function useUploadStarter(): Starter {
  const starter = useContext(StarterContext);
  if (!starter) throw new Error('useUploadStarter needs <UploadStarter> above it');
  return starter;
}

interface Batch {
  workspace: Workspace;
  rejected: LocalRejection[];
}

/**
 * Owns the path from "files chosen" to "batch queued": one pre-flight call, one dialog, one
 * start call. Nothing is sent before the user has seen the count, the size and what was refused.
 */
export function UploadStarter({ workspace, children }: { workspace: Workspace | null; children: ReactNode }) {
  const preflight = usePreflight();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);

  const addGrants = useCallback(
    (grants: string[], rejected: LocalRejection[] = []) => {
      if (!workspace) {
        setPickError('Choose or add a workspace before uploading.');
        return;
      }
      setBatch({ workspace, rejected });
      preflight.reset();
      if (grants.length > 0) preflight.mutate({ workspaceId: workspace.id, grants });
    },
    [preflight, workspace],
  );

  const pick = useCallback(
    (folders: boolean) => {
      setPickError(null);
      call('dialog:pickFiles', { folders })
        .then(({ files }) => {
          if (files.length > 0) addGrants(files.map((f) => f.token));
        })
        .catch((error: unknown) => setPickError(errorText(error)));
    },
    [addGrants],
  );

  const value = useMemo(() => ({ addGrants, pick, pickError }), [addGrants, pick, pickError]);

  return (
    <StarterContext.Provider value={value}>
      {children}
      {batch && (
        <PreflightDialog
          workspace={batch.workspace}
          localRejected={batch.rejected}
          preflight={preflight.data ?? null}
          checking={preflight.isPending}
          error={preflight.error}
          onClose={() => setBatch(null)}
        />
      )}
    </StarterContext.Provider>
  );
}
