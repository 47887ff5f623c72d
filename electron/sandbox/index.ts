/**
 * The local Files API server ("sandbox"): a real HTTP server on loopback that speaks VLM Run,
 * OpenAI-compatible and LlamaCloud Files APIs closely enough that each official SDK works by
 * changing only its base URL. Tests and benchmarks run against it, and the app embeds it as the
 * offline "Local sandbox" workspace. Plain Node: it must never import 'electron'.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, type SandboxLimits, type SandboxState } from './context';
import { FaultController, parseFaultConfig, type FaultConfig } from './faults';
import { sweepExpired } from './expiry';
import { UrlSigner } from './url-signer';
import { createSandboxServer, DEFAULT_TIMEOUTS, PREFIXES, type ServerTimeouts } from './server';
import { BlobStore } from './store/blob-store';
import { FileStore } from './store/file-store';
import { migrate } from './store/schema';
import { openUploadSessions } from './upload-sessions';
import { openDatabase } from '../lib/sqlite';

export type { SandboxLimits } from './context';
export type { FaultConfig, FaultTarget, RateFault } from './faults';
export type { Dialect } from './store/records';
export type { ServerTimeouts } from './server';

/** How to start a sandbox. Only `apiKeys` is required. */
export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Where files and metadata live; default a fresh temp dir, removed again by close(). */
  dataDir?: string;
  /** Keys the three dialects accept. */
  apiKeys: string[];
  /** Token for `/_admin`; default a random one (read it back from RunningSandbox). */
  adminToken?: string;
  /** Faults active from the first request. */
  faults?: FaultConfig;
  /** Byte limits to override (see DEFAULT_LIMITS); tests use small ones. */
  limits?: Partial<SandboxLimits>;
  /**
   * Serve OpenAI's multipart Uploads (`/openai/v1/uploads...`); default true. False answers them
   * 404 as a server without the endpoint would (Yandex AI Studio), so clients' fallback is testable.
   */
  openaiUploads?: boolean;
  /** Lifetime of public/presigned download URLs in responses; default 3600 s. */
  publicUrlTtlSeconds?: number;
  /** Connection timeouts; default DEFAULT_TIMEOUTS (tests shorten them to watch a stalled client get cut). */
  timeouts?: Partial<ServerTimeouts>;
}

/** A started sandbox. */
export interface RunningSandbox {
  /** Base URLs as each official SDK takes them, plus the admin surface. */
  urls: { vlmrun: string; openai: string; llamacloud: string; admin: string };
  adminToken: string;
  port: number;
  dataDir: string;
  setFaults(f: FaultConfig): void;
  /** Moves the sandbox clock forward (expiry of files and URLs), in milliseconds from real time. */
  setClockOffset(ms: number): void;
  close(): Promise<void>;
}

/**
 * Default limits: OpenAI's and LlamaCloud's documented caps, 2 GiB for VLM Run; OpenAI's Uploads
 * take at most 8 GB in total and 64 MB per part (read as binary units, like the 512 MB file cap).
 */
export const DEFAULT_LIMITS: SandboxLimits = {
  vlmrun: 2 * 1024 ** 3,
  openai: 512 * 1024 ** 2,
  llamacloud: 512 * 1024 ** 2,
  openaiUpload: 8 * 1024 ** 3,
  openaiUploadPart: 64 * 1024 ** 2,
};

const SWEEP_INTERVAL_MS = 30_000;

/** Starts a sandbox; resolves once it listens. Cleans up partial uploads left by a crash first. */
export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const ownsDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'stowage-sandbox-'));
  mkdirSync(dataDir, { recursive: true });
  const db = await openDatabase(join(dataDir, 'sandbox.sqlite'));
  migrate(db);
  const store = new FileStore(db);
  const blobs = new BlobStore(dataDir);
  blobs.removeLeftoverTemps();
  blobs.removeOrphans((id) => store.has(id));
  const uploads = await openUploadSessions(db, dataDir, opts.openaiUploads ?? true);

  let secret = store.getMeta('url_secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    store.setMeta('url_secret', secret);
  }
  const host = opts.host ?? '127.0.0.1';
  const state: SandboxState = {
    store,
    blobs,
    signer: new UrlSigner(Buffer.from(secret, 'hex')),
    clock: new Clock(),
    faults: new FaultController(parseFaultConfig(opts.faults ?? {})),
    uploads,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    origin: '',
    publicUrlTtlSeconds: opts.publicUrlTtlSeconds ?? 3600,
  };
  await sweepExpired(state);

  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex');
  const server = createSandboxServer(state, opts.apiKeys, adminToken, { ...DEFAULT_TIMEOUTS, ...opts.timeouts });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  state.origin = `http://${urlHost}:${port}`;

  // Sweeps run one at a time, and close() waits for the one in progress: a sweep that was still
  // deleting blobs when the store closed failed on a closed database (an unhandled rejection).
  let closed = false;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = (): Promise<void> => {
    sweeping = sweeping.then(() => (closed ? undefined : sweepExpired(state))).catch(() => undefined);
    return sweeping;
  };
  const sweeper = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    urls: {
      vlmrun: state.origin + PREFIXES.vlmrun,
      openai: state.origin + PREFIXES.openai,
      llamacloud: state.origin + PREFIXES.llamacloud,
      admin: state.origin + PREFIXES.admin,
    },
    adminToken,
    port,
    dataDir,
    setFaults: (f) => state.faults.set(parseFaultConfig(f)),
    setClockOffset: (ms) => {
      state.clock.setOffset(ms);
      void sweep();
    },
    close: async () => {
      clearInterval(sweeper);
      closed = true;
      await sweeping;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
