import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { EventPayload } from '../../../../shared/contract';
import { subscribe } from '../../api';

type SandboxStatus = EventPayload<'sandbox:status'>;

/**
 * Says what happened to the Local sandbox when its process died: that it is being started again,
 * that it is back (then everything on screen refetches, since it now listens on a new address),
 * or that Stowage gave up on it. Without this, a sandbox that restarted under the user would
 * only show up as a failed request. The status region is always present, so its news is read
 * out; the give-up is an alert, announced as it appears (like every error notice).
 */
export function SandboxNotice() {
  const client = useQueryClient();
  const [status, setStatus] = useState<SandboxStatus | null>(null);

  useEffect(
    () =>
      subscribe('sandbox:status', (change) => {
        setStatus(change);
        if (change.state === 'restarted') void client.invalidateQueries();
      }),
    [client],
  );

  const dismiss = (
    <button type="button" onClick={() => setStatus(null)}>
      Dismiss
    </button>
  );
  return (
    <div className="sandbox-status">
      <div role="status">
        {status && status.state !== 'down' && (
          <div className={`notice ${status.state === 'restarted' ? 'notice-ok' : 'notice-info'}`}>
            <p>{status.message}</p>
            {dismiss}
          </div>
        )}
      </div>
      {status?.state === 'down' && (
        <div className="notice notice-error" role="alert">
          <p>{status.message}</p>
          {dismiss}
        </div>
      )}
    </div>
  );
}
