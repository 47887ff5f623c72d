/** Where a started sandbox listens: one base URL per dialect, plus the admin surface. */
export interface SandboxUrls {
  vlmrun: string;
  openai: string;
  llamacloud: string;
  admin: string;
}

/** The owner's handle on a started host (the app's sandbox-starter port is shaped like this). */
export interface HostHandle {
  urls: SandboxUrls;
  adminToken: string;
  close(): Promise<void>;
}

/** The sandbox host's answer to `start` (see host-entry.ts). */
export type HostReply = { type: 'ready'; urls: SandboxUrls; adminToken: string } | { type: 'failed'; message: string };

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
export function handleFor(reply: Extract<HostReply, { type: 'ready' }>, stop: () => void, onExit: (listener: () => void) => void, exited: () => boolean): HostHandle {
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
