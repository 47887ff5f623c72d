import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { isFileIdSegment } from '../../../shared/models/files';
import type { ProviderInfo } from '../../../shared/models/providers';
import { isWebUrl } from '../../../shared/urls';
import type { HttpClient, HttpRequest, HttpResponse, StreamBody } from '../net/client';
import type { ErrorContext, Operation } from '../net/error-words';
import { parseRetryAfter, toProviderError, transportToAppError } from '../net/errors';
import { guardFor, handedUrlMode, notWebAddressMessage, refusalIn, refusedAddressMessage, type AddressGuard, type HandedUrlMode, type HandedUse } from '../net/handed-urls';
import { redactSecrets } from '../secrets/redact';
import { contentHeaders } from './content';
import { vetAddresses } from './handed-target';
import { multipartBody } from './multipart';
import type { UploadRequest } from './types';

/** What an adapter is built from: one workspace's endpoint, key and scope. */
export interface AdapterConfig {
  info: ProviderInfo;
  baseUrl: string;
  apiKey: string;
  projectId: string | null;
  folderId: string | null;
  http: HttpClient;
  /**
   * How URLs this provider hands back are judged (see net/handed-urls.ts); by default from the
   * base URL: `local` for a workspace on this computer, else `remote` (public addresses only).
   */
  handedUrls?: HandedUrlMode;
}

/** A query parameter value; null and undefined leave the parameter out. */
export type QueryValue = string | number | boolean | null | undefined;

/** How one call is sent: what it is for, query, JSON or streamed body, and whether the key goes with it. */
export interface CallOptions {
  /** What the call does, so a failure is worded for it (a 404 on a listing is a wrong address). */
  operation: Operation;
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: StreamBody;
  contentType?: string;
  signal?: AbortSignal;
  onBodyProgress?: (sent: number) => void;
  /**
   * Send to this absolute URL, a URL the provider handed back (presigned or public), without the
   * key. It must be http(s), and in a remote workspace every address it leads to must be public.
   */
  absoluteUrl?: string;
  /** What the handed-back URL is for (the words if it is refused); a download unless said. */
  handedUse?: HandedUse;
  headers?: Record<string, string>;
}

const MAX_ERROR_BODY = 64 * 1024;

/** Reads at most 64 KiB of an error body; the rest is dropped so a huge error page cannot pile up. */
async function readSmall(res: HttpResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = chunk as Buffer;
    if (size + buf.length > MAX_ERROR_BODY) {
      chunks.push(buf.subarray(0, MAX_ERROR_BODY - size));
      res.body.destroy();
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP plumbing an adapter shares: URL building, the key in the dialect's header (never in a
 * URL), scope, errors read in the dialect's shape and turned into plain, key-free messages, and
 * responses checked against a schema so a surprising server cannot produce a wrong table.
 */
export class DialectClient {
  private readonly base: string;
  private readonly handedGuard: AddressGuard | undefined;

  constructor(
    readonly config: AdapterConfig,
    private readonly errorDetail: (body: unknown) => string | null,
    private readonly scopeHeaders: Record<string, string> = {},
    private readonly scopeQuery: Record<string, string> = {},
  ) {
    this.base = config.baseUrl.replace(/\/+$/, '');
    this.handedGuard = guardFor(config.handedUrls ?? handedUrlMode(config.baseUrl));
  }

  get label(): string {
    return this.config.info.label;
  }

  url(path: string, query: Record<string, QueryValue> = {}): string {
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries({ ...this.scopeQuery, ...query })) {
      if (v !== null && v !== undefined) url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /** Sends a request; resolves only on 2xx, otherwise throws a typed, key-free AppError. */
  async call(method: HttpRequest['method'], path: string, options: CallOptions): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const use = options.handedUse ?? 'download';
    if (options.absoluteUrl !== undefined && !isWebUrl(options.absoluteUrl)) {
      throw new AppError('server_error', notWebAddressMessage(this.label, use, options.absoluteUrl));
    }
    if (options.absoluteUrl === undefined) {
      headers.authorization = `${this.config.info.authScheme} ${this.config.apiKey}`;
      Object.assign(headers, this.scopeHeaders);
    }
    let body: HttpRequest['body'];
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.body) {
      body = options.body;
      if (options.contentType) headers['content-type'] = options.contentType;
    }
    let res: HttpResponse;
    try {
      res = await this.config.http.send({
        method,
        url: options.absoluteUrl ?? this.url(path, options.query),
        headers,
        body,
        signal: options.signal,
        onBodyProgress: options.onBodyProgress,
        guard: options.absoluteUrl === undefined ? undefined : this.handedGuard,
      });
    } catch (error) {
      const refused = refusalIn(error);
      if (refused) throw new AppError('server_error', refusedAddressMessage(this.label, use, refused));
      throw transportToAppError(error, this.context(options.operation));
    }
    if (res.status >= 200 && res.status < 300) return res;
    const text = await readSmall(res).catch(() => '');
    const html = (res.headers['content-type'] ?? '').includes('text/html') || /^\s*</.test(text);
    let detail: string | null;
    try {
      detail = this.errorDetail(JSON.parse(text));
    } catch {
      detail = null;
    }
    // Servers echo the key or part of it: the explanation is redacted before anything reads it.
    const clean = detail ? redactSecrets(detail, [this.config.apiKey]) : null;
    throw toProviderError({ status: res.status, detail: clean, html, retryAfterMs: parseRetryAfter(res.headers['retry-after']) }, this.context(options.operation));
  }

  private context(operation: Operation): ErrorContext {
    return { operation, provider: this.config.info };
  }

  /** A call whose answer is JSON of a known shape. */
  async json<S extends z.ZodType>(schema: S, method: HttpRequest['method'], path: string, options: CallOptions): Promise<z.output<S>> {
    const res = await this.call(method, path, options);
    let parsed: unknown;
    try {
      parsed = await res.body.json();
    } catch {
      throw this.badAnswer(options.operation);
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) throw this.badAnswer(options.operation);
    return checked.data;
  }

  /** A call whose answer body does not matter (deletes): drains it so the connection is reused. */
  async drain(method: HttpRequest['method'], path: string, options: CallOptions): Promise<void> {
    const res = await this.call(method, path, options);
    await res.body.dump();
  }

  /** Streams a file as `multipart/form-data` (field `file` plus any text fields) and parses the stored file. */
  async uploadForm<S extends z.ZodType>(schema: S, path: string, req: UploadRequest, fields: [string, string][], query: Record<string, QueryValue> = {}): Promise<z.output<S>> {
    const { contentType, body } = multipartBody(fields, { field: 'file', name: req.name, contentType: req.contentType, source: req.file });
    return this.json(schema, 'POST', path, { operation: 'upload', query, body, contentType, signal: req.signal, onBodyProgress: req.onProgress });
  }

  /** Fetches a file's bytes from a public or presigned URL the provider handed back (no key sent there). */
  async fetchHanded(url: string | null, options: { signal?: AbortSignal; range?: string }): Promise<HttpResponse> {
    if (url === null) throw this.badAnswer('content');
    return this.call('GET', '', { operation: 'content', absoluteUrl: url, signal: options.signal, headers: contentHeaders(options.range) });
  }

  /**
   * Checks a handed-back URL main will not fetch itself but give to the preview pane: the same
   * rule, judged on what its host resolves to now (the window resolves it again when it loads,
   * so this is a check on the provider's word, not a guard on the connection).
   */
  async vetHanded(url: string, use: HandedUse): Promise<void> {
    if (!isWebUrl(url)) throw new AppError('server_error', notWebAddressMessage(this.label, use, url));
    const refused = this.handedGuard ? await vetAddresses(new URL(url).hostname, this.handedGuard) : null;
    if (refused) throw new AppError('server_error', refusedAddressMessage(this.label, use, refused));
  }

  /** A 2xx answer Stowage cannot read; after an upload that also means it cannot tell whether the file was stored. */
  badAnswer(operation: Operation): AppError {
    if (operation === 'upload') {
      return new AppError('server_error', `${this.label} answered the upload with data Stowage does not understand, so it cannot tell whether the file was stored. Refresh the list to check before sending it again.`);
    }
    const article = /^[AEIOU]/.test(this.label) ? 'an' : 'a';
    return new AppError('server_error', `${this.label} answered with data Stowage does not understand. Check that the base URL points at ${article} ${this.label} Files API.`);
  }
}

/**
 * A file id as one percent-encoded path segment. The contract already refuses ids that are not a
 * segment; this refuses them again here (ids also come from providers and from the queue's saved
 * state), because `encodeURIComponent` leaves `.` and `..` as they are and URL parsing then
 * collapses them: `DELETE /files/.` would be sent as `DELETE /files/`.
 */
export function fileSegment(id: string): string {
  if (!isFileIdSegment(id)) {
    throw new AppError('invalid_input', 'Stowage did not send this request: the file id is not one it can put in an address (empty, "." or "..", or it holds a slash or a control character). Refresh the list and try again.');
  }
  return encodeURIComponent(id);
}

/** FastAPI errors (VLM Run, LlamaCloud): `{"detail": "..."}` or `{"detail": [{loc, msg}]}`. */
export function fastApiDetail(body: unknown): string | null {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d: { loc?: unknown[]; msg?: string }) => `${(d.loc ?? []).slice(1).join('.')}: ${d.msg ?? ''}`.replace(/^: /, ''))
      .join('; ');
  }
  return null;
}

/** An ISO date-time from a provider as UTC ISO 8601; a time without a zone is taken as UTC. */
export function isoUtc(value: string): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/** Unix seconds as UTC ISO 8601. */
export function fromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
