/**
 * The OpenAI-compatible Files API (OpenAI, Yandex AI Studio) as the `openai` SDK calls it:
 * multipart `file` + `purpose` + `expires_after[...]`, a cursor list (`after`, `limit`, `order`,
 * `purpose`) with `has_more/first_id/last_id`, authenticated `/content`, and
 * `{"error":{message,type,param,code}}` errors. The `OpenAI-Project` header is the folder scope.
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

/** Purposes accepted on upload (responses may carry more, e.g. `batch_output`). */
export const OPENAI_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

const MIN_EXPIRY_S = 3600;
const MAX_EXPIRY_S = 2_592_000;
const BATCH_DEFAULT_EXPIRY_S = 30 * 24 * 3600;

function wire(file: FileRecord): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: Math.floor(file.createdAt / 1000),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
    ...(file.expiresAt === null ? {} : { expires_at: Math.floor(file.expiresAt / 1000) }),
  };
}

function findFile(ctx: RequestContext): FileRecord {
  const id = ctx.params.id ?? '';
  return requireFile(ctx, 'openai', id, `No such File object: ${id}`, { param: 'id' });
}

/** Seconds until expiry from the `expires_after[...]` fields, or null for "keep". */
function expirySeconds(fields: Map<string, string>, purpose: string): number | null {
  const anchor = fields.get('expires_after[anchor]');
  const secondsRaw = fields.get('expires_after[seconds]');
  if (anchor === undefined && secondsRaw === undefined) return purpose === 'batch' ? BATCH_DEFAULT_EXPIRY_S : null;
  if (anchor !== 'created_at') {
    throw invalidField(['body', 'expires_after', 'anchor'], "Invalid value for 'expires_after.anchor': expected 'created_at'.", anchor ?? null);
  }
  const seconds = Number(secondsRaw);
  if (secondsRaw === undefined || !/^\d+$/.test(secondsRaw) || seconds < MIN_EXPIRY_S || seconds > MAX_EXPIRY_S) {
    throw invalidField(
      ['body', 'expires_after', 'seconds'],
      `Invalid value for 'expires_after.seconds': must be an integer between ${MIN_EXPIRY_S} and ${MAX_EXPIRY_S}.`,
      secondsRaw ?? null,
    );
  }
  return seconds;
}

async function upload(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const { file: received, fields } = await receiveMultipart(ctx, { limit: state.limits.openai });
  const file = await withReceived(state, received, async () => {
    const purpose = fields.get('purpose');
    if (purpose === undefined || purpose === '') throw invalidField(['body', 'purpose'], "Missing required parameter: 'purpose'.", null);
    if (!OPENAI_PURPOSES.includes(purpose)) {
      throw invalidField(['body', 'purpose'], `'${purpose}' is not one of ${OPENAI_PURPOSES.map((p) => `'${p}'`).join(', ')} - 'purpose'`, purpose);
    }
    const expiresInSeconds = expirySeconds(fields, purpose);
    return storeUpload(state, received, { dialect: 'openai', scope: ctx.scope, purpose, expiresInSeconds });
  });
  sendJson(ctx.res, 200, wire(file));
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
    data: page.map(wire),
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: rows.length > limit,
  });
}

function retrieve(ctx: RequestContext): void {
  sendJson(ctx.res, 200, wire(findFile(ctx)));
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
];
