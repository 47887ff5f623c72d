/**
 * LlamaCloud's beta Files API (`/api/v1/beta/files…`) as `@llamaindex/llama-cloud` calls it:
 * multipart create with `purpose` and `external_file_id`, page-token listing (and the POST
 * `/query` variant), and `/content` answering with a presigned `{url, expires_at}` rather than
 * bytes. `project_id` in the query string is the scope.
 */
import type { RequestContext } from '../context';
import { invalidField } from '../errors';
import { queryInt, queryString, readJson, sendJson } from '../http-utils';
import { receiveMultipart } from '../multipart';
import { publicUrlFor } from '../public-urls';
import type { Route } from '../router';
import type { FileRecord } from '../store/records';
import { deleteFile, requireFile, storeUpload, withReceived } from '../uploads';
import { DEFAULT_PROJECT_ID, listPage, parseOrder, type PageRequest } from './llamacloud-pages';

/** Purposes LlamaCloud accepts. */
export const LLAMACLOUD_PURPOSES = ['user_data', 'parse', 'extract', 'split', 'classify', 'sheet', 'agent_app'];

function wire(ctx: RequestContext, file: FileRecord, expandDownload: boolean): Record<string, unknown> {
  const dot = file.filename.lastIndexOf('.');
  const iso = new Date(file.createdAt).toISOString();
  const download = expandDownload ? publicUrlFor(ctx, file, ctx.state.publicUrlTtlSeconds) : undefined;
  return {
    id: file.id,
    name: file.filename,
    project_id: file.scope || DEFAULT_PROJECT_ID,
    file_size: file.bytes,
    file_type: dot > 0 ? file.filename.slice(dot + 1).toLowerCase() : null,
    purpose: file.purpose,
    external_file_id: file.externalId,
    data_source_id: null,
    created_at: iso,
    updated_at: iso,
    last_modified_at: iso,
    expires_at: file.expiresAt === null ? null : new Date(file.expiresAt).toISOString(),
    ...(download ? { download_url: { url: download.url, expires_at: new Date(download.expiresAt * 1000).toISOString(), form_fields: null } } : {}),
  };
}

function wantsDownloadUrl(url: URL): boolean {
  return url.searchParams.getAll('expand').some((v) => v.split(',').includes('download_url'));
}

const findFile = (ctx: RequestContext) => requireFile(ctx, 'llamacloud', ctx.params.id ?? '');

async function create(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const { file: received, fields } = await receiveMultipart(ctx, { limit: state.limits.llamacloud });
  const file = await withReceived(state, received, async () => {
    const purpose = fields.get('purpose');
    if (purpose === undefined) throw invalidField(['body', 'purpose'], 'Field required', null, 'missing');
    if (!LLAMACLOUD_PURPOSES.includes(purpose)) {
      throw invalidField(['body', 'purpose'], `Invalid purpose '${purpose}'. Valid values: ${LLAMACLOUD_PURPOSES.join(', ')}`, purpose);
    }
    const externalId = fields.get('external_file_id') || null;
    return storeUpload(state, received, { dialect: 'llamacloud', scope: ctx.scope, purpose, externalId });
  });
  sendJson(ctx.res, 200, wire(ctx, file, false));
}

function respondWithPage(ctx: RequestContext, request: PageRequest, withTotal: boolean): void {
  const page = listPage(ctx, request, withTotal);
  const body: Record<string, unknown> = {
    items: page.items.map((f) => wire(ctx, f, wantsDownloadUrl(ctx.url))),
    next_page_token: page.nextToken,
  };
  if (withTotal) body.total_size = page.total;
  sendJson(ctx.res, 200, body);
}

function list(ctx: RequestContext): void {
  const { url } = ctx;
  const ids = url.searchParams.getAll('file_ids').flatMap((v) => v.split(',')).filter(Boolean);
  respondWithPage(
    ctx,
    {
      pageSize: queryInt(url, 'page_size', 100, 1, 1000),
      pageToken: queryString(url, 'page_token'),
      order: parseOrder(queryString(url, 'order_by'), ['query', 'order_by']),
      filename: queryString(url, 'file_name'),
      externalId: queryString(url, 'external_file_id'),
      ids: ids.length > 0 ? ids : undefined,
    },
    false,
  );
}

async function query(ctx: RequestContext): Promise<void> {
  const raw = await readJson(ctx.body);
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const filter = (typeof body.filter === 'object' && body.filter !== null ? body.filter : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const pageSize = body.page_size ?? 100;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw invalidField(['body', 'page_size'], 'Input should be an integer between 1 and 1000', pageSize);
  }
  respondWithPage(
    ctx,
    {
      pageSize,
      pageToken: str(body.page_token),
      order: parseOrder(str(body.order_by), ['body', 'order_by']),
      filename: str(filter.file_name),
      externalId: str(filter.external_file_id),
      ids: Array.isArray(filter.file_ids) ? filter.file_ids.map(String) : undefined,
    },
    true,
  );
}

function retrieve(ctx: RequestContext): void {
  sendJson(ctx.res, 200, wire(ctx, findFile(ctx), wantsDownloadUrl(ctx.url)));
}

async function remove(ctx: RequestContext): Promise<void> {
  await deleteFile(ctx.state, findFile(ctx));
  ctx.res.writeHead(204);
  ctx.res.end();
}

function content(ctx: RequestContext): void {
  const file = findFile(ctx);
  const ttl = queryInt(ctx.url, 'expires_at_seconds', ctx.state.publicUrlTtlSeconds, 1, 7 * 24 * 3600);
  const { url, expiresAt } = publicUrlFor(ctx, file, ttl);
  sendJson(ctx.res, 200, { url, expires_at: new Date(expiresAt * 1000).toISOString(), form_fields: null });
}

/** Routes under the LlamaCloud base URL (`…/llamacloud`). */
export const llamacloudRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/beta/files', handler: create },
  { method: 'GET', pattern: '/api/v1/beta/files', handler: list },
  { method: 'POST', pattern: '/api/v1/beta/files/query', handler: query },
  { method: 'GET', pattern: '/api/v1/beta/files/:id/content', handler: content },
  { method: 'GET', pattern: '/api/v1/beta/files/:id', handler: retrieve },
  { method: 'DELETE', pattern: '/api/v1/beta/files/:id', handler: remove },
];
