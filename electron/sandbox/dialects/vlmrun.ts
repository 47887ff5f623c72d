/**
 * VLM Run's Files API (`/v1/files…`), as the `vlmrun` SDKs call it: purpose in the query string,
 * a bare array for listings (skip/limit, newest first), an MD5 content-hash cache so the same
 * bytes with the same purpose always come back as the same file, and FastAPI-shaped errors.
 */
import type { RequestContext } from '../context';
import { HttpError, invalidField } from '../errors';
import { queryBool, queryInt, queryString, sendJson } from '../http-utils';
import { receiveMultipart } from '../multipart';
import type { Route } from '../router';
import { deleteFile, isExecutableType, requireFile, resolveContentType } from '../uploads';
import { createPresignedUpload, verifyUpload } from './vlmrun-presigned';
import { storeDeduplicated, vlmrunFile, vlmrunPurpose } from './vlmrun-wire';

const findFile = (ctx: RequestContext, id: string) => requireFile(ctx, 'vlmrun', id);

async function upload(ctx: RequestContext): Promise<void> {
  const purpose = vlmrunPurpose(queryString(ctx.url, 'purpose'), ['query', 'purpose']);
  const withUrl = queryBool(ctx.url, 'generate_public_url', true);
  const { state } = ctx;
  const { file: received } = await receiveMultipart(ctx, {
    limit: state.limits.vlmrun,
    checkFile(filename, mimeType) {
      const type = resolveContentType(filename, mimeType);
      if (isExecutableType(type)) {
        throw new HttpError(415, 'unsupported_type', `Unsupported file type: ${type}. Upload documents, images, audio, video or data files.`);
      }
    },
  });
  const file = await storeDeduplicated(state, received, ctx.scope, purpose);
  sendJson(ctx.res, 201, vlmrunFile(ctx, file, withUrl));
}

function list(ctx: RequestContext): void {
  const skip = queryInt(ctx.url, 'skip', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = queryInt(ctx.url, 'limit', 10, 1, 1000);
  const purposeParam = queryString(ctx.url, 'purpose');
  const purpose = purposeParam === undefined ? undefined : vlmrunPurpose(purposeParam, ['query', 'purpose']);
  const withUrl = queryBool(ctx.url, 'generate_public_url', false);
  const files = ctx.state.store.list({
    dialect: 'vlmrun',
    scope: ctx.scope,
    purpose,
    order: 'created_desc',
    offset: skip,
    limit,
    now: ctx.state.clock.now(),
  });
  sendJson(ctx.res, 200, files.map((f) => vlmrunFile(ctx, f, withUrl)));
}

function getByHash(ctx: RequestContext): void {
  const md5 = (ctx.params.md5 ?? '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(md5)) throw invalidField(['path', 'file_hash'], 'String should be an MD5 hex digest', md5, 'string_pattern_mismatch');
  const file = ctx.state.store.findByHash('vlmrun', ctx.scope, md5, undefined, ctx.state.clock.now());
  if (!file) throw new HttpError(404, 'not_found', `File not found for hash: ${md5}`);
  sendJson(ctx.res, 200, vlmrunFile(ctx, file, queryBool(ctx.url, 'generate_public_url', true)));
}

function getOne(ctx: RequestContext): void {
  const file = findFile(ctx, ctx.params.id ?? '');
  sendJson(ctx.res, 200, vlmrunFile(ctx, file, queryBool(ctx.url, 'generate_public_url', true)));
}

async function remove(ctx: RequestContext): Promise<void> {
  const file = findFile(ctx, ctx.params.id ?? '');
  await deleteFile(ctx.state, file);
  sendJson(ctx.res, 200, vlmrunFile(ctx, file, false));
}

/** Routes under the VLM Run base URL (`…/vlmrun/v1`); literal paths before `:id`. */
export const vlmrunRoutes: Route[] = [
  { method: 'POST', pattern: '/files', handler: upload },
  { method: 'GET', pattern: '/files', handler: list },
  { method: 'POST', pattern: '/files/presigned-url', handler: createPresignedUpload },
  { method: 'GET', pattern: '/files/verify-upload/:id', handler: verifyUpload },
  { method: 'GET', pattern: '/files/hash/:md5', handler: getByHash },
  { method: 'GET', pattern: '/files/:id', handler: getOne },
  { method: 'DELETE', pattern: '/files/:id', handler: remove },
];
