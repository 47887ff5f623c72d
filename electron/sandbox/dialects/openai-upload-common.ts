/**
 * What every Uploads route needs: the Upload object on the wire, finding the caller's upload
 * (scoped by `OpenAI-Project` like files), and refusing work on one that can take no more
 * (completed, cancelled, past its hour, or being completed right now) with a plain 400.
 */
import type { RequestContext } from '../context';
import { HttpError } from '../errors';
import type { FileRecord } from '../store/records';
import type { UploadRecord, UploadStatus } from '../store/upload-store';
import { openaiFileWire } from './openai-wire';

/** How long an Upload accepts parts and completion: OpenAI's one hour. */
export const UPLOAD_TTL_S = 3600;

/** The status as of `now`: a pending upload past `expiresAt` is expired even before the sweep. */
export function statusAt(upload: UploadRecord, now: number): UploadStatus {
  return upload.status === 'pending' && now >= upload.expiresAt ? 'expired' : upload.status;
}

/** An Upload as OpenAI returns it; `file` is set only in the answer to a completion. */
export function uploadWire(upload: UploadRecord, now: number, file: FileRecord | null = null): Record<string, unknown> {
  return {
    id: upload.id,
    object: 'upload',
    bytes: upload.bytes,
    created_at: Math.floor(upload.createdAt / 1000),
    expires_at: Math.floor(upload.expiresAt / 1000),
    filename: upload.filename,
    purpose: upload.purpose,
    status: statusAt(upload, now),
    file: file ? openaiFileWire(file) : null,
  };
}

/** The caller's upload `:id`, or a 404 (another project's upload is as unknown as a made-up id). */
export function requireUpload(ctx: RequestContext): UploadRecord {
  const id = ctx.params.id ?? '';
  const upload = ctx.state.uploads.store.get(id);
  if (!upload || upload.scope !== ctx.scope) throw new HttpError(404, 'not_found', `No such Upload object: ${id}`, { param: 'upload_id' });
  return upload;
}

/** Throws the 400 for an upload that can no longer take parts, a completion or a cancel. */
export function requireOpen(ctx: RequestContext, upload: UploadRecord): void {
  const now = ctx.state.clock.now();
  const status = statusAt(upload, now);
  if (status === 'completed') throw new HttpError(400, 'invalid', `Upload ${upload.id} is already completed.`);
  if (status === 'cancelled') throw new HttpError(400, 'invalid', `Upload ${upload.id} was cancelled.`);
  if (status === 'expired') {
    const at = new Date(upload.expiresAt).toISOString();
    throw new HttpError(400, 'invalid', `Upload ${upload.id} expired at ${at} (an Upload lasts one hour); create a new one.`);
  }
  if (ctx.state.uploads.busy.has(upload.id)) throw new HttpError(400, 'invalid', `Upload ${upload.id} is being completed.`);
}

/** Re-reads the upload and checks it is still open (after an await, someone may have ended it). */
export function requireStillOpen(ctx: RequestContext, id: string): UploadRecord {
  const upload = ctx.state.uploads.store.get(id);
  if (!upload) throw new HttpError(404, 'not_found', `No such Upload object: ${id}`, { param: 'upload_id' });
  requireOpen(ctx, upload);
  return upload;
}
