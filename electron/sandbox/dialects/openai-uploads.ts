/**
 * OpenAI's Uploads API, for files too big for one request: `POST /uploads` declares the file
 * (name, purpose, total bytes, MIME type), `POST /uploads/{id}/parts` adds parts of at most 64 MB
 * (in parallel, in any order), `POST /uploads/{id}/complete` joins the listed parts into one
 * ordinary File, `POST /uploads/{id}/cancel` abandons it. An Upload lasts one hour. OpenAI offers
 * no way to read an Upload or its parts back, so neither does the sandbox: a client that resumes
 * must remember its own part ids. With `openaiUploads: false` every route here is a 404, as on a
 * server without the endpoint (Yandex AI Studio).
 */
import type { Handler, RequestContext } from '../context';
import { HttpError, invalidField } from '../errors';
import { readJson, sendJson } from '../http-utils';
import { receiveMultipart } from '../multipart';
import type { Route } from '../router';
import type { UploadRecord } from '../store/upload-store';
import { openaiStyleId, withReceived } from '../uploads';
import { removeParts } from '../upload-sessions';
import { fileExpirySeconds } from './openai-expiry';
import { completeUpload } from './openai-upload-complete';
import { requireOpen, requireStillOpen, requireUpload, UPLOAD_TTL_S, uploadWire } from './openai-upload-common';
import { openaiPurpose } from './openai-wire';

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw invalidField(['body', name], `Missing required parameter: '${name}'.`, value ?? null);
  return value;
}

/** `POST /uploads` with JSON `{filename, purpose, bytes, mime_type, expires_after?}`. */
async function createUpload(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const raw = await readJson(ctx.body);
  const body = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const filename = requiredString(body, 'filename');
  const purpose = openaiPurpose(body.purpose);
  const mimeType = requiredString(body, 'mime_type');
  const bytes = body.bytes;
  const max = state.limits.openaiUpload;
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || bytes > max) {
    throw invalidField(['body', 'bytes'], `Invalid value for 'bytes': must be an integer from 0 to ${max} (the largest Upload).`, bytes ?? null);
  }
  const expiresAfter = body.expires_after;
  if (expiresAfter !== undefined && (typeof expiresAfter !== 'object' || expiresAfter === null || Array.isArray(expiresAfter))) {
    throw invalidField(['body', 'expires_after'], "Invalid value for 'expires_after': expected an object {anchor, seconds}.", expiresAfter);
  }
  const policy = (expiresAfter ?? {}) as Record<string, unknown>;
  const now = state.clock.now();
  const upload: UploadRecord = {
    id: openaiStyleId('upload_'),
    scope: ctx.scope,
    filename,
    purpose,
    bytes,
    mimeType,
    fileExpiresInSeconds: fileExpirySeconds(policy.anchor, policy.seconds, purpose),
    createdAt: now,
    expiresAt: now + UPLOAD_TTL_S * 1000,
    status: 'pending',
    fileId: null,
  };
  state.uploads.store.insert(upload);
  sendJson(ctx.res, 200, uploadWire(upload, now));
}

/** `POST /uploads/{id}/parts`, multipart field `data`: streamed to a temp file, then made durable, then recorded. */
async function addPart(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const upload = requireUpload(ctx);
  requireOpen(ctx, upload);
  const limit = state.limits.openaiUploadPart;
  // Its place in the order the Upload is hashed in while parts arrive (see ordered-part-hash.ts).
  const hashes = state.uploads.hashes.of(upload.id);
  const slot = hashes.reserve();
  const partId = openaiStyleId('part_');
  let stored = false;
  let name = '';
  let now: number;
  try {
    const received = await receiveMultipart(ctx, { limit, fileField: 'data', hash: false }).catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 413) {
        throw new HttpError(413, 'too_large', `Part too large: each part may be at most ${limit} bytes.`, { code: 'part_too_large' });
      }
      throw err;
    });
    await withReceived(state, received.file, async () => {
      requireStillOpen(ctx, upload.id);
      await state.uploads.parts.commit(received.file.tempPath, partId);
    });
    now = state.clock.now();
    try {
      requireStillOpen(ctx, upload.id);
      state.uploads.store.insertPart({ id: partId, uploadId: upload.id, bytes: received.file.bytes, createdAt: now });
    } catch (err) {
      await state.uploads.parts.remove(partId);
      throw err;
    }
    stored = true;
    name = received.file.filename;
  } finally {
    if (stored) hashes.fill(slot, partId, state.uploads.parts.path(partId), name);
    else hashes.drop(slot);
  }
  sendJson(ctx.res, 200, { id: partId, object: 'upload.part', created_at: Math.floor(now / 1000), upload_id: upload.id });
}

/** `POST /uploads/{id}/cancel`: no more parts; the parts received are deleted. */
async function cancelUpload(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const upload = requireUpload(ctx);
  requireOpen(ctx, upload);
  state.uploads.store.finish(upload.id, 'cancelled');
  await removeParts(state.uploads, upload.id);
  sendJson(ctx.res, 200, uploadWire({ ...upload, status: 'cancelled' }, state.clock.now()));
}

/** Answers 404 as for an unknown path when the sandbox models a server without `/uploads`. */
function whenEnabled(handler: Handler): Handler {
  return (ctx) => {
    if (!ctx.state.uploads.enabled) throw new HttpError(404, 'not_found', 'Not Found');
    return handler(ctx);
  };
}

/** Routes of the Uploads API under the OpenAI-compatible base URL. */
export const openaiUploadRoutes: Route[] = [
  { method: 'POST', pattern: '/uploads', handler: whenEnabled(createUpload) },
  { method: 'POST', pattern: '/uploads/:id/parts', handler: whenEnabled(addPart) },
  { method: 'POST', pattern: '/uploads/:id/complete', handler: whenEnabled(completeUpload) },
  { method: 'POST', pattern: '/uploads/:id/cancel', handler: whenEnabled(cancelUpload) },
];
