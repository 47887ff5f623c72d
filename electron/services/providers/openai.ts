import { z } from 'zod';
import type { StoredFile } from '../../../shared/models/files';
import { DialectClient, fileSegment, fromUnix, type AdapterConfig } from './base';
import { contentHeaders } from './content';
import type { ListRequest, PreviewTarget, ProviderAdapter, RawPage, UploadRequest } from './types';

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
  private readonly client: DialectClient;

  constructor(readonly config: AdapterConfig) {
    const scope = config.info.scope?.field === 'folderId' ? config.folderId : config.projectId;
    this.client = new DialectClient(config, openAiDetail, scope ? { 'openai-project': scope } : {});
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
