import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { ConnectionError } from '../net/errors';
import { abortableSleep } from '../net/sleep';
import { NO_SANDBOX_EVENTS, restartDelayMs, SANDBOX_WORDS, type SandboxEvents } from './supervision';

/** What a running sandbox tells its owner (whether it runs in-process, as a child or a utility process). */
export interface SandboxHandle {
  urls: { vlmrun: string; openai: string; llamacloud: string; admin: string };
  adminToken: string;
  /** The process the sandbox runs in, where it has its own (tests kill it). */
  pid?: number;
  /** Settles when the sandbox has gone, stopped or crashed; an in-process one never settles. */
  exited: Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the sandbox server somewhere (child process, Electron utility process, or in-process in tests). */
export type StartSandbox = (options: { dataDir: string; apiKey: string }) => Promise<SandboxHandle>;

/** How the owner restarts a sandbox that died; tests shorten the waits and the clock. */
export interface SupervisionOptions {
  /** The wait before restart attempt n (1-based); by default 0.5 s doubling to 8 s. */
  delayMs?: (attempt: number) => number;
  /** Failures in a row (deaths soon after starting, failed starts) after which it gives up. */
  maxQuickFailures?: number;
  /** A sandbox that ran at least this long before dying starts the count afresh. */
  stableAfterMs?: number;
  now?: () => number;
}

/** The id of the built-in workspace; stable so the active choice survives restarts. */
export const LOCAL_SANDBOX_ID = 'local-sandbox';

type State = 'idle' | 'running' | 'restarting' | 'down' | 'closed';

/**
 * The embedded "Local sandbox": started on first use (or at launch when no other workspace
 * exists), on a free loopback port, with a random key that lives only in this process's memory.
 * Its files persist in the app's data folder, so what a user tried survives a restart.
 *
 * It is supervised: when its process dies, the dead handle is dropped, whoever cached a
 * connection to it is told (onLost), and it is started again after a short wait that doubles
 * with each quick failure; the window hears `restarting`, then `restarted`, or `down` once it
 * gives up. Calls in the gap fail with words that say the sandbox is restarting.
 */
export class LocalSandbox {
  private readonly apiKey = randomBytes(32).toString('hex');
  private starting: Promise<SandboxHandle> | null = null;
  /** The start in progress (first or restart), so close() can wait for it and stop what it started. */
  private launching: Promise<unknown> = Promise.resolve();
  private handle: SandboxHandle | null = null;
  private state: State = 'idle';
  private startedAt = 0;
  private failures = 0;
  private readonly lostListeners = new Set<() => void>();
  private readonly stopRestart = new AbortController();
  private readonly options: Required<SupervisionOptions>;

  constructor(
    private readonly start: StartSandbox,
    private readonly dataDir: string,
    private readonly events: SandboxEvents = NO_SANDBOX_EVENTS,
    options: SupervisionOptions = {},
  ) {
    this.options = { delayMs: restartDelayMs, maxQuickFailures: 5, stableAfterMs: 30_000, now: Date.now, ...options };
  }

  /** The running sandbox's VLM Run base URL, or null before it has started. */
  get baseUrl(): string | null {
    return this.handle?.urls.vlmrun ?? null;
  }

  /** The running sandbox (for tests and the harness: admin URL, token and pid); null when none runs. */
  get running(): SandboxHandle | null {
    return this.handle;
  }

  /** Calls `listener` whenever the running sandbox is lost, so cached connections to it can be dropped. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /**
   * The running sandbox's address and key, starting it on first use. While it is being restarted
   * this fails at once (a connection error, so uploads retry) with words that say so, rather than
   * making a caller wait through the back-off; once given up on, it fails with the `down` words.
   */
  async ensure(): Promise<{ baseUrl: string; apiKey: string }> {
    if (this.state === 'restarting') throw new ConnectionError('offline', SANDBOX_WORDS.restarting, 'offline', 0);
    if (this.state === 'down') throw new AppError('server_error', SANDBOX_WORDS.down);
    if (this.state === 'closed') throw new AppError('cancelled', 'Stowage is closing.');
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = null;
      if (this.state === 'closed') throw error;
      console.error('[sandbox] failed to start:', error instanceof Error ? error.message : 'unknown error');
      throw new AppError('server_error', 'The Local sandbox could not be started. Restart Stowage; if it keeps failing, add a workspace for your provider instead.');
    });
    const handle = await this.starting;
    return { baseUrl: handle.urls.vlmrun, apiKey: this.apiKey };
  }

  /** Starts a sandbox process and watches it for an exit nobody asked for. */
  private launch(): Promise<SandboxHandle> {
    const launched = this.start({ dataDir: join(this.dataDir, 'local-sandbox'), apiKey: this.apiKey }).then(async (handle) => {
      if (this.state === 'closed') {
        await handle.close();
        throw new AppError('cancelled', 'Stowage is closing.');
      }
      this.handle = handle;
      this.state = 'running';
      this.startedAt = this.options.now();
      void handle.exited.then(() => this.lost(handle));
      return handle;
    });
    this.launching = launched.catch(() => undefined);
    return launched;
  }

  private lost(handle: SandboxHandle): void {
    if (this.handle !== handle || this.state === 'closed') return;
    this.handle = null;
    this.starting = null;
    if (this.options.now() - this.startedAt >= this.options.stableAfterMs) this.failures = 0;
    this.failures += 1;
    console.error('[sandbox] the Local sandbox process exited unexpectedly; restarting it');
    this.state = 'restarting';
    for (const listener of this.lostListeners) listener();
    this.events.status({ state: 'restarting', message: SANDBOX_WORDS.restarting });
    void this.recover();
  }

  /** Restart attempts with a growing wait, until one runs or too many failed in a row. */
  private async recover(): Promise<void> {
    while (this.failures < this.options.maxQuickFailures) {
      try {
        await abortableSleep(this.options.delayMs(this.failures), this.stopRestart.signal);
        const handle = await this.launch();
        // Died already: lost() has begun the next round of recovery.
        if (this.handle !== handle) return;
        this.starting = Promise.resolve(handle);
        this.events.status({ state: 'restarted', message: SANDBOX_WORDS.restarted });
        return;
      } catch {
        if (this.state === 'closed') return;
        this.failures += 1;
      }
    }
    this.state = 'down';
    console.error('[sandbox] the Local sandbox kept failing; giving up until Stowage restarts');
    this.events.status({ state: 'down', message: SANDBOX_WORDS.down });
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.state = 'closed';
    this.stopRestart.abort();
    this.starting = null;
    const handle = this.handle;
    this.handle = null;
    if (handle) await handle.close().catch(() => undefined);
    else if (starting) await starting.then((h) => h.close()).catch(() => undefined);
    await this.launching;
  }
}
