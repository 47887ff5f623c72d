import type { SandboxHandle } from './local-sandbox';

/** The sandbox host's answer to `start` (see electron/main/sandbox-host.ts). */
export type HostReply = { type: 'ready'; urls: SandboxHandle['urls']; adminToken: string } | { type: 'failed'; message: string };

/** How long a sandbox process may take to open its store and listen before we give up on it. */
export const SANDBOX_START_TIMEOUT_MS = 30_000;

/**
 * Waits for the host's first reply on whatever channel carries it (child-process IPC or an
 * Electron MessagePort), so both launchers share one reading of the protocol.
 */
export function awaitReady(subscribe: (listener: (reply: HostReply) => void) => void, onExit: (listener: (code: number | null) => void) => void): Promise<Extract<HostReply, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox did not start in time')), SANDBOX_START_TIMEOUT_MS);
    subscribe((reply) => {
      clearTimeout(timer);
      if (reply.type === 'ready') resolve(reply);
      else reject(new Error(`sandbox failed to start: ${reply.message}`));
    });
    onExit((code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox process exited (${code ?? 'signal'}) before it was ready`));
    });
  });
}

/** The owner's handle on a started host: its URLs, and a stop that resolves once the process is gone. */
export function handleFor(reply: Extract<HostReply, { type: 'ready' }>, stop: () => void, onExit: (listener: () => void) => void, exited: () => boolean): SandboxHandle {
  return {
    urls: reply.urls,
    adminToken: reply.adminToken,
    close: () =>
      new Promise<void>((resolve) => {
        if (exited()) return resolve();
        onExit(resolve);
        stop();
      }),
  };
}
