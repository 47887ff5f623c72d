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

/** Bytes of a known length to send, streamed (e.g. one part of a file, read by range); called once per attempt. */
export interface ByteSource {
  readonly bytes: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** An Upload the provider opened for one file's parts, and how long it takes them (this computer's clock). */
export interface PartSessionStart {
  uploadId: string;
  /** Unix ms after which the provider refuses more parts and the completion. */
  expiresAt: number;
}

/**
 * A provider's multipart Uploads (OpenAI's `/uploads`): one Upload per file, parts sent in any
 * order and in parallel, joined in the listed order at completion. There is no call to read an
 * Upload back, so the caller keeps its own part ids. The uploader drives these calls (part
 * sizes, parallelism, retries, resume); the adapter only maps them onto the wire.
 */
export interface PartUploads {
  /** Largest part the provider takes. */
  readonly maxPartBytes: number;
  /** False once the server answered that it has no such endpoint (404/405): send in one request then. */
  readonly available: boolean;
  /** Opens an Upload for the file; null when the server has no Uploads endpoint. */
  begin(req: { name: string; bytes: number; purpose: string; contentType: string; expiresAfterSeconds?: number | null; signal: AbortSignal }): Promise<PartSessionStart | null>;
  /**
   * Sends part number `index` (from 0, in file order; it names the form file `part-<index>`, a hint
   * a server may use to hash parts in order as they come) with its bytes streamed, never held
   * whole, and returns its id.
   */
  sendPart(uploadId: string, index: number, part: ByteSource, options: { signal: AbortSignal; onProgress(sent: number): void }): Promise<string>;
  /** Joins the parts, in this order, into one stored file; `md5` is the whole file's, checked by the provider. */
  complete(uploadId: string, partIds: readonly string[], md5: string, signal: AbortSignal): Promise<StoredFile>;
  /** Abandons the Upload: the provider drops its parts. */
  cancel(uploadId: string): Promise<void>;
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
  /** Multipart Uploads, where the provider has them (big files, resumable part by part). */
  readonly parts?: PartUploads;
  /** The stored file with these exact bytes, where the dialect can look content up by hash. */
  findByHash?(md5: string, signal?: AbortSignal): Promise<StoredFile | null>;
  previewTarget(id: string): Promise<PreviewTarget>;
  /** The file's bytes (optionally a range), fetched with whatever credentials the dialect needs. */
  openContent(id: string, options: { signal?: AbortSignal; range?: string }): Promise<HttpResponse>;
}
