import { z } from 'zod';
import type { StoredFile } from '../../../shared/models/files';
import { ProviderError } from '../net/errors';
import { DialectClient, fileSegment, fromUnix, type AdapterConfig } from './base';
import { contentHeaders } from './content';
import { multipartBody } from './multipart';
import type { ByteSource, ListRequest, PartSessionStart, PartUploads, PreviewTarget, ProviderAdapter, RawPage, UploadRequest } from './types';

const OpenAiFile = z.object({
  id: z.string(),
  filename: z.string(),
  bytes: z.number().int().nonnegative(),
  purpose: z.string().nullable().optional(),
  created_at: z.number(),
  expires_at: z.number().nullable().optional(),
});
type OpenAiFile = z.infer<typeof OpenAiFile>;

const OpenAiList = z.object({
  data: z.array(OpenAiFile),
  has_more: z.boolean().optional(),
  last_id: z.string().nullable().optional(),
});

const OpenAiUpload = z.object({
  id: z.string(),
  created_at: z.number(),
  expires_at: z.number(),
  file: OpenAiFile.nullable().optional(),
});

const OpenAiPart = z.object({ id: z.string() });

/** OpenAI errors: `{"error": {"message": "..."}}`. */
export function openAiDetail(body: unknown): string | null {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : null;
}

function toStored(f: OpenAiFile): StoredFile {
  return {
    id: f.id,
    name: f.filename,
    bytes: f.bytes,
    purpose: f.purpose ?? null,
    createdAt: fromUnix(f.created_at),
    expiresAt: f.expires_at ? fromUnix(f.expires_at) : null,
  };
}

/** `expires_after` as the multipart text fields OpenAI's `POST /files` reads; none keeps the file. */
export function expiryFields(seconds: number | null | undefined): [string, string][] {
  if (seconds === null || seconds === undefined) return [];
  return [
    ['expires_after[anchor]', 'created_at'],
    ['expires_after[seconds]', String(seconds)],
  ];
}

/**
 * OpenAI and Yandex AI Studio: `after`-cursor listing with server-side created order, purpose as a
 * form field, Unix-second dates, expiry, and no public URL (previews go through main's proxy,
 * which fetches `/content` with the key). Yandex takes `Api-Key` auth and a folder as the project.
 */
export class OpenAiAdapter implements ProviderAdapter {
  readonly maxPageSize = 10_000;
  readonly dedupesByContent = false;
  readonly serverPurposeFilter = true;
  readonly canSortCreatedAsc = true;
  readonly canSortByName = false;
  readonly parts?: PartUploads;
  private readonly client: DialectClient;

  constructor(readonly config: AdapterConfig) {
    const scope = config.info.scope?.field === 'folderId' ? config.folderId : config.projectId;
    this.client = new DialectClient(config, openAiDetail, scope ? { 'openai-project': scope } : {});
    if (config.info.partUploads) this.parts = new OpenAiUploads(this.client, config.info.partUploads.maxPartBytes);
  }

  get info() {
    return this.config.info;
  }

  async listPage(req: ListRequest): Promise<RawPage> {
    const cursor = 'cursor' in req.position ? req.position.cursor : null;
    const page = await this.client.json(OpenAiList, 'GET', '/files', {
      operation: req.operation ?? 'list',
      query: { limit: req.limit, order: req.createdOrder, purpose: req.purpose ?? undefined, after: cursor ?? undefined },
      signal: req.signal,
    });
    const files = page.data.map(toStored);
    const last = page.last_id ?? files[files.length - 1]?.id ?? null;
    return { files, next: page.has_more && last ? { cursor: last } : null };
  }

  async get(id: string, signal?: AbortSignal): Promise<StoredFile> {
    return toStored(await this.client.json(OpenAiFile, 'GET', `/files/${fileSegment(id)}`, { operation: 'get', signal }));
  }

  async remove(id: string): Promise<void> {
    await this.client.drain('DELETE', `/files/${fileSegment(id)}`, { operation: 'delete' });
  }

  async upload(req: UploadRequest): Promise<StoredFile> {
    return toStored(await this.client.uploadForm(OpenAiFile, '/files', req, [['purpose', req.purpose], ...expiryFields(req.expiresAfterSeconds)]));
  }

  async previewTarget(): Promise<PreviewTarget> {
    return { kind: 'proxy' };
  }

  async openContent(id: string, options: { signal?: AbortSignal; range?: string }) {
    return this.client.call('GET', `/files/${fileSegment(id)}/content`, { operation: 'content', signal: options.signal, headers: contentHeaders(options.range) });
  }
}

/**
 * OpenAI's Uploads API on the wire: `POST /uploads` (JSON), `POST /uploads/{id}/parts` (multipart
 * field `data`), `POST /uploads/{id}/complete` (`{part_ids, md5}`, answered with the Upload and
 * its `file`), `POST /uploads/{id}/cancel`. A 404 or 405 to the first call means the server has
 * no such endpoint (Yandex AI Studio, many proxies); that is remembered, like VLM Run's presigned
 * endpoint, so later files go straight to one request.
 */
class OpenAiUploads implements PartUploads {
  available = true;

  constructor(
    private readonly client: DialectClient,
    readonly maxPartBytes: number,
  ) {}

  async begin(req: { name: string; bytes: number; purpose: string; contentType: string; expiresAfterSeconds?: number | null; signal: AbortSignal }): Promise<PartSessionStart | null> {
    const asked = Date.now();
    try {
      const upload = await this.client.json(OpenAiUpload, 'POST', '/uploads', {
        operation: 'upload',
        json: {
          filename: req.name,
          purpose: req.purpose,
          bytes: req.bytes,
          mime_type: req.contentType,
          ...(req.expiresAfterSeconds == null ? {} : { expires_after: { anchor: 'created_at', seconds: req.expiresAfterSeconds } }),
        },
        signal: req.signal,
      });
      return { uploadId: upload.id, expiresAt: asked + (upload.expires_at - upload.created_at) * 1000 };
    } catch (error) {
      if (error instanceof ProviderError && (error.status === 404 || error.status === 405)) {
        this.available = false;
        return null;
      }
      throw error;
    }
  }

  async sendPart(uploadId: string, index: number, part: ByteSource, options: { signal: AbortSignal; onProgress(sent: number): void }): Promise<string> {
    const { contentType, body } = multipartBody([], { field: 'data', name: `part-${index}`, contentType: 'application/octet-stream', source: part });
    const answer = await this.client.json(OpenAiPart, 'POST', `/uploads/${fileSegment(uploadId)}/parts`, {
      operation: 'upload',
      body,
      contentType,
      signal: options.signal,
      onBodyProgress: (sent) => options.onProgress(Math.min(part.bytes, sent)),
    });
    return answer.id;
  }

  async complete(uploadId: string, partIds: readonly string[], md5: string, signal: AbortSignal): Promise<StoredFile> {
    const upload = await this.client.json(OpenAiUpload, 'POST', `/uploads/${fileSegment(uploadId)}/complete`, { operation: 'upload', json: { part_ids: partIds, md5 }, signal });
    if (!upload.file) throw this.client.badAnswer('upload');
    return toStored(upload.file);
  }

  async cancel(uploadId: string): Promise<void> {
    await this.client.drain('POST', `/uploads/${fileSegment(uploadId)}/cancel`, { operation: 'upload' });
  }
}
