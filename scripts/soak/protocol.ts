/**
 * The messages between the soak (the parent, which owns the sandbox and judges the result) and
 * the services host (the child it can kill -9), over Node's fork IPC channel. Kept in one file so
 * both ends agree on every field.
 */
import type { ProviderKind } from '../../shared/models/providers';
import type { UploadItem, UploadSummary } from '../../shared/models/uploads';

/** What the host is started with (argv[2], JSON): the same data dir on every restart. */
export interface HostConfig {
  dataDir: string;
  urls: Partial<Record<ProviderKind, string>>;
  /** Uploads in flight per workspace (the workspace's concurrency setting). */
  concurrency: number;
}

/** One batch to start: the files as the user chose them, and the purpose to upload them with. */
export interface BatchRequest {
  kind: ProviderKind;
  purpose: string;
  paths: string[];
}

/** Parent to host. */
export type ToHost = { type: 'start'; batches: BatchRequest[] } | { type: 'resume' } | { type: 'retry' } | { type: 'report' };

/** Host to parent. */
export type FromHost =
  /** The queue is open; `items` is what it restored from the data dir (empty on a first start). */
  | { type: 'opened'; items: UploadItem[] }
  | { type: 'started'; batches: { kind: ProviderKind; queued: number; rejected: number }[] }
  | { type: 'resumed'; resumed: number }
  | { type: 'retried'; retried: number }
  /** Sent every tenth of a second; `idle` once nothing is queued or running. */
  | { type: 'progress'; summary: UploadSummary; idle: boolean }
  /** Every item, and every wait the queue asked for (Retry-After waits among them). */
  | { type: 'report'; items: UploadItem[]; sleeps: number[] };
