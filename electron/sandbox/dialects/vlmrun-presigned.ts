/**
 * VLM Run's large-file path: `POST /v1/files/presigned-url` hands out an upload slot and a signed
 * URL, the client PUTs the raw bytes there (streamed, exact Content-Length), then
 * `GET /v1/files/verify-upload/{id}` returns the stored file. The content-hash cache applies
 * here too: if identical bytes with the same purpose are already stored, verification returns
 * that file and the new copy is dropped.
 */
import type { RequestContext } from '../context';
import { HttpError, invalidField } from '../errors';
import { readJson, sendJson } from '../http-utils';
import { PUBLIC_UPLOADS_PATH, requireSignature } from '../public-urls';
import { receiveRaw } from '../raw-body';
import type { PendingUpload } from '../store/records';
import { newFileId, resolveContentType } from '../uploads';
import { storeDeduplicated, vlmrunFile, vlmrunPurpose } from './vlmrun-wire';

const DEFAULT_EXPIRATION_S = 24 * 60 * 60;
const MAX_EXPIRATION_S = 7 * 24 * 60 * 60;

function field(body: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

/** `POST /v1/files/presigned-url` with JSON `{filename, purpose, expiration}`. */
export async function createPresignedUpload(ctx: RequestContext): Promise<void> {
  const raw = await readJson(ctx.body);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidField(['body'], 'Input should be a valid dictionary', raw, 'dict_type');
  const body = raw as Record<string, unknown>;
  const filename = field(body, 'filename');
  if (typeof filename !== 'string' || filename === '') throw invalidField(['body', 'filename'], 'Field required', filename ?? null, 'missing');
  const purposeRaw = field(body, 'purpose');
  if (purposeRaw !== undefined && typeof purposeRaw !== 'string') throw invalidField(['body', 'purpose'], 'Input should be a valid string', purposeRaw, 'string_type');
  const purpose = vlmrunPurpose(purposeRaw, ['body', 'purpose']);
  const expiration = field(body, 'expiration') ?? DEFAULT_EXPIRATION_S;
  if (typeof expiration !== 'number' || !Number.isInteger(expiration) || expiration < 1 || expiration > MAX_EXPIRATION_S) {
    throw invalidField(['body', 'expiration'], `Input should be an integer between 1 and ${MAX_EXPIRATION_S}`, expiration, 'int_type');
  }
  const { state } = ctx;
  const now = state.clock.now();
  const pending: PendingUpload = {
    id: newFileId('vlmrun'),
    dialect: 'vlmrun',
    scope: ctx.scope,
    filename,
    purpose,
    contentType: resolveContentType(filename, undefined),
    createdAt: now,
    expiresAt: now + expiration * 1000,
    fileId: null,
  };
  state.store.insertPending(pending);
  const expiresSec = Math.floor(pending.expiresAt / 1000);
  const url = `${state.origin}${PUBLIC_UPLOADS_PATH}/${pending.id}?${state.signer.query('PUT', pending.id, expiresSec)}`;
  sendJson(ctx.res, 200, {
    id: pending.id,
    filename,
    purpose,
    content_type: pending.contentType,
    url,
    upload_method: 'PUT',
    public_url: null,
    created_at: new Date(now).toISOString(),
    expires_at: new Date(pending.expiresAt).toISOString(),
  });
}

/** `PUT /public/uploads/{id}?expires&signature`: the bucket side of the presigned URL. */
export async function receivePresignedPut(ctx: RequestContext): Promise<void> {
  const id = ctx.params.id ?? '';
  requireSignature(ctx, 'PUT', id);
  const { state } = ctx;
  const pending = state.store.getPending(id);
  if (!pending) throw new HttpError(404, 'not_found', 'No such upload.');
  if (pending.fileId) throw new HttpError(409, 'conflict', 'This upload URL was already used.');
  const received = await receiveRaw(ctx, state.limits.vlmrun, pending.filename, pending.contentType);
  const file = await storeDeduplicated(state, received, pending.scope, pending.purpose, id);
  state.store.completePending(id, file.id);
  ctx.res.writeHead(200, { ETag: `"${received.md5}"`, 'Content-Length': 0 });
  ctx.res.end();
}

/** `GET /v1/files/verify-upload/{id}`: the stored file once its bytes arrived. */
export function verifyUpload(ctx: RequestContext): void {
  const id = ctx.params.id ?? '';
  const { state } = ctx;
  const pending = state.store.getPending(id);
  if (!pending || pending.dialect !== 'vlmrun' || pending.scope !== ctx.scope) throw new HttpError(404, 'not_found', `Upload not found: ${id}`);
  if (!pending.fileId) throw new HttpError(400, 'invalid', 'Upload not completed yet: PUT the file to the presigned URL first.');
  const file = state.store.get('vlmrun', ctx.scope, pending.fileId, state.clock.now());
  if (!file) throw new HttpError(404, 'not_found', `File not found: ${pending.fileId}`);
  sendJson(ctx.res, 200, vlmrunFile(ctx, file, true));
}
