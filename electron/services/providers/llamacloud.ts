import { z } from 'zod';
import type { StoredFile } from '../../../shared/models/files';
import { isWebUrl } from '../../../shared/urls';
import { DialectClient, fastApiDetail, fileSegment, isoUtc, type AdapterConfig } from './base';
import type { ListRequest, PreviewTarget, ProviderAdapter, RawPage, UploadRequest } from './types';

const LlamaFile = z.object({
  id: z.string(),
  name: z.string(),
  file_size: z.number().int().nonnegative().nullable().optional(),
  purpose: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  expires_at: z.string().nullable().optional(),
});
type LlamaFile = z.infer<typeof LlamaFile>;

const LlamaList = z.object({ items: z.array(LlamaFile), next_page_token: z.string().nullable().optional() });
const Presigned = z.object({ url: z.string() });

function toStored(f: LlamaFile): StoredFile {
  return {
    id: f.id,
    name: f.name,
    bytes: f.file_size ?? 0,
    purpose: f.purpose ?? null,
    createdAt: f.created_at ? isoUtc(f.created_at) : new Date(0).toISOString(),
    expiresAt: f.expires_at ? isoUtc(f.expires_at) : null,
  };
}

/**
 * LlamaCloud: page-token listing (no purpose filter on the server, so purposes are filtered by
 * main), `project_id`/`organization_id` on every call, purpose as a form field, and a presigned
 * content URL as the preview.
 */
export class LlamaCloudAdapter implements ProviderAdapter {
  readonly maxPageSize = 1000;
  readonly dedupesByContent = false;
  readonly serverPurposeFilter = false;
  readonly canSortCreatedAsc = false;
  readonly canSortByName = true;
  private readonly client: DialectClient;

  constructor(readonly config: AdapterConfig) {
    this.client = new DialectClient(config, fastApiDetail, {}, config.projectId ? { project_id: config.projectId } : {});
  }

  get info() {
    return this.config.info;
  }

  async listPage(req: ListRequest): Promise<RawPage> {
    const token = 'cursor' in req.position ? req.position.cursor : null;
    const page = await this.client.json(LlamaList, 'GET', '/api/v1/beta/files', {
      operation: req.operation ?? 'list',
      query: { page_size: req.limit, page_token: token ?? undefined, order_by: req.byName ? 'name' : 'created_at' },
      signal: req.signal,
    });
    return { files: page.items.map(toStored), next: page.next_page_token ? { cursor: page.next_page_token } : null };
  }

  async get(id: string, signal?: AbortSignal): Promise<StoredFile> {
    return toStored(await this.client.json(LlamaFile, 'GET', `/api/v1/beta/files/${fileSegment(id)}`, { operation: 'get', signal }));
  }

  async remove(id: string): Promise<void> {
    await this.client.drain('DELETE', `/api/v1/beta/files/${fileSegment(id)}`, { operation: 'delete' });
  }

  async upload(req: UploadRequest): Promise<StoredFile> {
    return toStored(await this.client.uploadForm(LlamaFile, '/api/v1/beta/files', req, [['purpose', req.purpose]]));
  }

  private async contentUrl(id: string, signal?: AbortSignal): Promise<string> {
    return (await this.client.json(Presigned, 'GET', `/api/v1/beta/files/${fileSegment(id)}/content`, { operation: 'content', signal })).url;
  }

  /** The presigned content URL for the preview pane: none unless it is a web address, refused unless it may be reached. */
  async previewTarget(id: string): Promise<PreviewTarget> {
    const url = await this.contentUrl(id);
    if (!isWebUrl(url)) return { kind: 'none' };
    await this.client.vetHanded(url, 'download');
    return { kind: 'url', url, source: 'presigned' };
  }

  async openContent(id: string, options: { signal?: AbortSignal; range?: string }) {
    return this.client.fetchHanded(await this.contentUrl(id, options.signal), options);
  }
}
