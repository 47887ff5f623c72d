/** Where a started sandbox listens: one base URL per dialect, plus the admin surface. */
export interface SandboxUrls {
  vlmrun: string;
  openai: string;
  llamacloud: string;
  admin: string;
}

/** How a host process ended: its exit code, or null when a signal ended it (a crash, kill -9). */
export interface HostExit {
  code: number | null;
}

/** The owner's handle on a started host (the app's sandbox-starter port is shaped like this). */
export interface HostHandle {
  urls: SandboxUrls;
  adminToken: string;
  /** The host's process id (tests kill it to prove the owner restarts it). */
  pid: number | undefined;
  /**
   * Settles once the process is gone, whether it was stopped or died: the owner watches it to
   * drop a dead sandbox and start another, instead of keeping a handle to nothing.
   */
  exited: Promise<HostExit>;
  close(): Promise<void>;
}

/** What a launcher tells handleFor about its process. */
export interface HostProcess {
  pid: number | undefined;
  /** Asks the host to stop (it closes its store and exits). */
  stop(): void;
  /** Calls back once, when the process has exited, with its exit code (null after a signal). */
  onExit(listener: (code: number | null) => void): void;
  /** Whether it has already exited (then onExit would never fire). */
  hasExited(): boolean;
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

/**
 * The owner's handle on a started host: its URLs, its pid, a promise of its exit, and a stop
 * that resolves once the process is gone. The exit listener is attached here, as soon as the
 * host is ready, so a death at any later moment is seen.
 */
export function handleFor(reply: Extract<HostReply, { type: 'ready' }>, host: HostProcess): HostHandle {
  const exited = new Promise<HostExit>((resolve) => {
    if (host.hasExited()) resolve({ code: null });
    else host.onExit((code) => resolve({ code }));
  });
  return {
    urls: reply.urls,
    adminToken: reply.adminToken,
    pid: host.pid,
    exited,
    close: async () => {
      if (!host.hasExited()) host.stop();
      await exited;
    },
  };
}
