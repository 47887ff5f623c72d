import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

/** What a running sandbox tells its owner (whether it runs in-process, as a child or a utility process). */
export interface SandboxHandle {
  urls: { vlmrun: string; openai: string; llamacloud: string; admin: string };
  adminToken: string;
  close(): Promise<void>;
}

/** Starts the sandbox server somewhere (child process, Electron utility process, or in-process in tests). */
export type StartSandbox = (options: { dataDir: string; apiKey: string }) => Promise<SandboxHandle>;

/** The id of the built-in workspace; stable so the active choice survives restarts. */
export const LOCAL_SANDBOX_ID = 'local-sandbox';

/**
 * The embedded "Local sandbox": started on first use (or at launch when no other workspace
 * exists), on a free loopback port, with a random key that lives only in this process's memory.
 * Its files persist in the app's data folder, so what a user tried survives a restart.
 */
export class LocalSandbox {
  private readonly apiKey = randomBytes(32).toString('hex');
  private starting: Promise<SandboxHandle> | null = null;
  private handle: SandboxHandle | null = null;

  constructor(
    private readonly start: StartSandbox,
    private readonly dataDir: string,
  ) {}

  /** The running sandbox's VLM Run base URL, or null before it has started. */
  get baseUrl(): string | null {
    return this.handle?.urls.vlmrun ?? null;
  }

  /** The running sandbox (for tests and the harness: admin URL and token); null before start. */
  get running(): SandboxHandle | null {
    return this.handle;
  }

  async ensure(): Promise<{ baseUrl: string; apiKey: string }> {
    this.starting ??= this.start({ dataDir: join(this.dataDir, 'local-sandbox'), apiKey: this.apiKey }).then(
      (handle) => {
        this.handle = handle;
        return handle;
      },
      (error: unknown) => {
        this.starting = null;
        console.error('[sandbox] failed to start:', error instanceof Error ? error.message : 'unknown error');
        throw new AppError('server_error', 'The Local sandbox could not be started. Restart Stowage; if it keeps failing, add a workspace for your provider instead.');
      },
    );
    const handle = await this.starting;
    return { baseUrl: handle.urls.vlmrun, apiKey: this.apiKey };
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = null;
    this.handle = null;
    if (starting) await starting.then((h) => h.close()).catch(() => undefined);
  }
}
