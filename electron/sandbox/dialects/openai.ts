/**
 * The OpenAI-compatible Files API (OpenAI, Yandex AI Studio) as the `openai` SDK calls it:
 * multipart `file` + `purpose` + `expires_after[...]`, a cursor list (`after`, `limit`, `order`,
 * `purpose`) with `has_more/first_id/last_id`, authenticated `/content`, and
 * `{"error":{message,type,param,code}}` errors. The `OpenAI-Project` header is the folder scope.
 * The multipart Uploads API (`/uploads...`) lives in `openai-uploads.ts` and is mounted here.
 */
import type { RequestContext } from '../context';
import { HttpError, invalidField } from '../errors';
import { queryInt, queryString, sendJson } from '../http-utils';
import { receiveMultipart } from '../multipart';
import { sendFileContent } from '../public-urls';
import type { Route } from '../router';
import { positionOf } from '../store/file-store';
import type { FileRecord, ListOrder } from '../store/records';
import { deleteFile, requireFile, storeUpload, withReceived } from '../uploads';
import { fileExpirySeconds } from './openai-expiry';
import { openaiUploadRoutes } from './openai-uploads';
import { openaiFileWire, openaiPurpose } from './openai-wire';

function findFile(ctx: RequestContext): FileRecord {
  const id = ctx.params.id ?? '';
  return requireFile(ctx, 'openai', id, `No such File object: ${id}`, { param: 'id' });
}

async function upload(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const { file: received, fields } = await receiveMultipart(ctx, { limit: state.limits.openai });
  const file = await withReceived(state, received, async () => {
    const purpose = openaiPurpose(fields.get('purpose'));
    const expiresInSeconds = fileExpirySeconds(fields.get('expires_after[anchor]'), fields.get('expires_after[seconds]'), purpose);
    return storeUpload(state, received, { dialect: 'openai', scope: ctx.scope, purpose, expiresInSeconds });
  });
  sendJson(ctx.res, 200, openaiFileWire(file));
}

function list(ctx: RequestContext): void {
  const { url, state } = ctx;
  const limit = queryInt(url, 'limit', 10_000, 1, 10_000);
  const orderParam = queryString(url, 'order') ?? 'desc';
  if (orderParam !== 'asc' && orderParam !== 'desc') throw invalidField(['query', 'order'], `Invalid value for 'order': expected 'asc' or 'desc'.`, orderParam);
  const order: ListOrder = orderParam === 'asc' ? 'created_asc' : 'created_desc';
  const now = state.clock.now();
  const afterId = queryString(url, 'after');
  let after;
  if (afterId !== undefined) {
    const anchor = state.store.get('openai', ctx.scope, afterId, now);
    if (!anchor) throw new HttpError(400, 'invalid', `Invalid 'after': no such File object: ${afterId}`, { param: 'after' });
    after = positionOf(anchor, order);
  }
  const rows = state.store.list({ dialect: 'openai', scope: ctx.scope, purpose: queryString(url, 'purpose'), order, after, limit: limit + 1, now });
  const page = rows.slice(0, limit);
  sendJson(ctx.res, 200, {
    object: 'list',
    data: page.map(openaiFileWire),
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: rows.length > limit,
  });
}

function retrieve(ctx: RequestContext): void {
  sendJson(ctx.res, 200, openaiFileWire(findFile(ctx)));
}

async function remove(ctx: RequestContext): Promise<void> {
  const file = findFile(ctx);
  await deleteFile(ctx.state, file);
  sendJson(ctx.res, 200, { id: file.id, object: 'file', deleted: true });
}

async function content(ctx: RequestContext): Promise<void> {
  await sendFileContent(ctx, findFile(ctx));
}

/** Routes under the OpenAI-compatible base URL (`…/openai/v1`). */
export const openaiRoutes: Route[] = [
  { method: 'POST', pattern: '/files', handler: upload },
  { method: 'GET', pattern: '/files', handler: list },
  { method: 'GET', pattern: '/files/:id/content', handler: content },
  { method: 'GET', pattern: '/files/:id', handler: retrieve },
  { method: 'DELETE', pattern: '/files/:id', handler: remove },
  ...openaiUploadRoutes,
];
