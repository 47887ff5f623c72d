import { z } from 'zod';
import type { StoredFile } from '../../../shared/models/files';
import { isWebUrl } from '../../../shared/urls';
import { ProviderError } from '../net/errors';
import { DialectClient, fastApiDetail, fileSegment, isoUtc, type AdapterConfig } from './base';
import { fileBody } from './multipart';
import type { ListRequest, PreviewTarget, ProviderAdapter, RawPage, UploadRequest } from './types';

/** The SDK's threshold: above it, bytes go through a presigned PUT instead of multipart. */
export const PRESIGNED_THRESHOLD = 32 * 1024 * 1024;

const VlmFile = z.object({
  id: z.string(),
  filename: z.string(),
  bytes: z.number().int().nonnegative(),
  purpose: z.string().nullable().optional(),
  created_at: z.string(),
  public_url: z.string().nullable().optional(),
});
type VlmFile = z.infer<typeof VlmFile>;

const Presigned = z.object({ id: z.string(), url: z.string(), content_type: z.string().nullable().optional() });

function toStored(f: VlmFile): StoredFile {
  return { id: f.id, name: f.filename, bytes: f.bytes, purpose: f.purpose ?? null, createdAt: isoUtc(f.created_at), expiresAt: null };
}

/**
 * VLM Run: skip/limit listing (a bare array, newest first), purpose in the query string on upload,
 * MD5 content lookup, public URLs for preview, and the presigned PUT path for large files with a
 * fallback to multipart where a server lacks it.
 */
export class VlmRunAdapter implements ProviderAdapter {
  readonly maxPageSize = 1000;
  readonly dedupesByContent = true;
  readonly serverPurposeFilter = true;
  readonly canSortCreatedAsc = false;
  readonly canSortByName = false;
  private readonly client: DialectClient;
  private presignedMissing = false;

  constructor(readonly config: AdapterConfig) {
    this.client = new DialectClient(config, fastApiDetail);
  }

  get info() {
    return this.config.info;
  }

  async listPage(req: ListRequest): Promise<RawPage> {
    const offset = 'offset' in req.position ? req.position.offset : 0;
    const rows = await this.client.json(z.array(VlmFile), 'GET', '/files', {
      operation: req.operation ?? 'list',
      query: { skip: offset, limit: req.limit, purpose: req.purpose ?? undefined },
      signal: req.signal,
    });
    const files = rows.map(toStored);
    return { files, next: files.length >= req.limit ? { offset: offset + files.length } : null };
  }

  async get(id: string, signal?: AbortSignal): Promise<StoredFile> {
    return toStored(await this.client.json(VlmFile, 'GET', `/files/${fileSegment(id)}`, { operation: 'get', query: { generate_public_url: false }, signal }));
  }

  async remove(id: string): Promise<void> {
    await this.client.drain('DELETE', `/files/${fileSegment(id)}`, { operation: 'delete' });
  }

  async findByHash(md5: string, signal?: AbortSignal): Promise<StoredFile | null> {
    try {
      return toStored(await this.client.json(VlmFile, 'GET', `/files/hash/${fileSegment(md5)}`, { operation: 'list', query: { generate_public_url: false }, signal }));
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) return null;
      throw error;
    }
  }

  async upload(req: UploadRequest): Promise<StoredFile> {
    if (req.file.bytes > PRESIGNED_THRESHOLD && !this.presignedMissing) {
      const stored = await this.uploadPresigned(req);
      if (stored) return stored;
    }
    return toStored(await this.client.uploadForm(VlmFile, '/files', req, [], { purpose: req.purpose, generate_public_url: false }));
  }

  /** The large-file path; null when the server has no presigned endpoint (then multipart is used). */
  private async uploadPresigned(req: UploadRequest): Promise<StoredFile | null> {
    let ticket: z.infer<typeof Presigned>;
    try {
      ticket = await this.client.json(Presigned, 'POST', '/files/presigned-url', {
        operation: 'upload',
        json: { filename: req.name, purpose: req.purpose },
        signal: req.signal,
      });
    } catch (error) {
      if (error instanceof ProviderError && (error.status === 404 || error.status === 405)) {
        this.presignedMissing = true;
        return null;
      }
      throw error;
    }
    const put = await this.client.call('PUT', '', {
      operation: 'upload',
      absoluteUrl: ticket.url,
      handedUse: 'upload',
      body: fileBody(req.file),
      contentType: ticket.content_type ?? req.contentType,
      signal: req.signal,
      onBodyProgress: req.onProgress,
    });
    await put.body.dump();
    req.onVerifying?.();
    return toStored(await this.client.json(VlmFile, 'GET', `/files/verify-upload/${fileSegment(ticket.id)}`, { operation: 'upload', signal: req.signal }));
  }

  private async publicUrl(id: string, signal?: AbortSignal): Promise<string | null> {
    const file = await this.client.json(VlmFile, 'GET', `/files/${fileSegment(id)}`, { operation: 'content', query: { generate_public_url: true }, signal });
    return file.public_url ?? null;
  }

  /** The public URL for the preview pane: none unless it is a web address, refused unless it may be reached. */
  async previewTarget(id: string): Promise<PreviewTarget> {
    const url = await this.publicUrl(id);
    if (!url || !isWebUrl(url)) return { kind: 'none' };
    await this.client.vetHanded(url, 'download');
    return { kind: 'url', url, source: 'public' };
  }

  async openContent(id: string, options: { signal?: AbortSignal; range?: string }) {
    return this.client.fetchHanded(await this.publicUrl(id, options.signal), options);
  }
}
