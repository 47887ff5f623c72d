import type { StoredFile } from '../../../shared/models/files';
import type { ProviderInfo } from '../../../shared/models/providers';
import type { HttpResponse } from '../net/client';

/** Where a raw listing page starts: an item offset (skip/limit) or the provider's cursor/token. */
export type ListPosition = { offset: number } | { cursor: string | null };

/** One raw page request, in terms every dialect can map. */
export interface ListRequest {
  position: ListPosition;
  limit: number;
  /** Asked of the server; the caller checks whether it was honoured. */
  purpose: string | null;
  /** Newest first is every dialect's natural order; 'asc' only where `canSortCreatedAsc`. */
  createdOrder: 'desc' | 'asc';
  /** LlamaCloud can order by name on the server. */
  byName?: boolean;
  signal?: AbortSignal;
  /** 'test' when the listing is a connection test, so a failure is worded for the form (default 'list'). */
  operation?: 'list' | 'test';
}

/** One page as the provider returned it, and where the next one starts (null at the end). */
export interface RawPage {
  files: StoredFile[];
  next: ListPosition | null;
}

/**
 * The bytes of one local file to send, of a length known before the first byte goes out. The
 * uploader opens the file once and reads it by position (uploads/source-file.ts), so an adapter
 * never opens anything by path and every attempt sends what pre-flight checked.
 */
export interface FileSource {
  readonly bytes: number;
  /** Yields exactly `bytes` bytes from the start; called once per attempt. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** One file to send, with the cancel signal and the byte counter the queue shows. */
export interface UploadRequest {
  file: FileSource;
  name: string;
  purpose: string;
  contentType: string;
  /** Seconds after upload at which the provider should delete the file; null or absent keeps it. */
  expiresAfterSeconds?: number | null;
  signal: AbortSignal;
  onProgress(sentBytes: number): void;
  /** Called when the adapter moves from sending bytes to asking the provider to confirm them. */
  onVerifying?(): void;
}

/** Where a preview's bytes come from, before main decides whether it needs its own proxy. */
export type PreviewTarget =
  | { kind: 'url'; url: string; source: 'public' | 'presigned' }
  | { kind: 'proxy' }
  | { kind: 'none' };

/**
 * One Files API dialect, mapped onto the app's single file model. Everything dialect-specific
 * (paths, auth header, pagination, dates, error shape, preview) stays inside an adapter, so the
 * services above it never branch on the provider.
 */
export interface ProviderAdapter {
  readonly info: ProviderInfo;
  /** Largest page the dialect serves in one call. */
  readonly maxPageSize: number;
  /** True where uploading the same bytes again returns the same file (VLM Run's hash cache). */
  readonly dedupesByContent: boolean;
  /** Whether the server is asked to filter by purpose at all (LlamaCloud has no such filter). */
  readonly serverPurposeFilter: boolean;
  readonly canSortCreatedAsc: boolean;
  readonly canSortByName: boolean;
  listPage(req: ListRequest): Promise<RawPage>;
  get(id: string, signal?: AbortSignal): Promise<StoredFile>;
  remove(id: string): Promise<void>;
  upload(req: UploadRequest): Promise<StoredFile>;
  /** The stored file with these exact bytes, where the dialect can look content up by hash. */
  findByHash?(md5: string, signal?: AbortSignal): Promise<StoredFile | null>;
  previewTarget(id: string): Promise<PreviewTarget>;
  /** The file's bytes (optionally a range), fetched with whatever credentials the dialect needs. */
  openContent(id: string, options: { signal?: AbortSignal; range?: string }): Promise<HttpResponse>;
}
