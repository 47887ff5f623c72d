/**
 * `POST /uploads/{id}/complete` with `{part_ids, md5?}`: joins the listed parts, in the listed
 * order, into one ordinary File. The join copies nothing: the new blob is a folder of hard links
 * to the (already fsynced) part files in order, built in the temp area and renamed into place
 * like any upload; then one transaction inserts the File row and marks the Upload completed. Only
 * then are the part files deleted (the blob keeps its own links), so a crash at any point leaves
 * either a pending Upload with all its parts or a completed one. The MD5 checked is the listed
 * order's, mostly already taken while the parts arrived (ordered-part-hash.ts).
 */
import type { RequestContext, SandboxState } from '../context';
import { HttpError, invalidField } from '../errors';
import { readJson, sendJson } from '../http-utils';
import type { FileRecord } from '../store/records';
import type { PartRecord, UploadRecord } from '../store/upload-store';
import { newFileId, resolveContentType } from '../uploads';
import { removeParts } from '../upload-sessions';
import { requireOpen, requireUpload, uploadWire } from './openai-upload-common';

interface CompleteRequest {
  partIds: string[];
  md5: string | null;
}

function parseComplete(raw: unknown): CompleteRequest {
  const body = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const partIds = body.part_ids;
  if (!Array.isArray(partIds) || !partIds.every((p) => typeof p === 'string')) {
    throw invalidField(['body', 'part_ids'], "Missing required parameter: 'part_ids' (a list of part ids).", partIds ?? null);
  }
  const md5 = body.md5 ?? null;
  if (md5 !== null && (typeof md5 !== 'string' || !/^[0-9a-fA-F]{32}$/.test(md5))) {
    throw invalidField(['body', 'md5'], "Invalid value for 'md5': expected 32 hexadecimal digits.", md5);
  }
  return { partIds: partIds as string[], md5: md5 === null ? null : md5.toLowerCase() };
}

/** The listed parts in the listed order; 400 for an id listed twice or not of this upload. */
function orderedParts(upload: UploadRecord, partIds: string[], received: PartRecord[]): PartRecord[] {
  const byId = new Map(received.map((p) => [p.id, p]));
  const seen = new Set<string>();
  return partIds.map((id) => {
    if (seen.has(id)) throw new HttpError(400, 'invalid', `Part ${id} is listed more than once in part_ids.`, { param: 'part_ids' });
    seen.add(id);
    const part = byId.get(id);
    if (!part) throw new HttpError(400, 'invalid', `Part ${id} is not a part of upload ${upload.id}.`, { param: 'part_ids' });
    return part;
  });
}

/**
 * The parts as one file, in the listed order, without copying them: the MD5 comes from the hash
 * taken while they arrived where they came in this order (else one read of them all), and the
 * file is the parts themselves, linked in order (BlobStore.commitJoined).
 */
async function joinParts(state: SandboxState, upload: UploadRecord, parts: PartRecord[]): Promise<Joined> {
  const pieces = parts.map((p) => ({ id: p.id, path: state.uploads.parts.path(p.id) }));
  const md5 = await state.uploads.hashes.of(upload.id).digest(pieces);
  return { pieces: pieces.map((p) => p.path), bytes: parts.reduce((sum, p) => sum + p.bytes, 0), md5 };
}

interface Joined {
  pieces: string[];
  bytes: number;
  md5: string;
}

/** Renames the joined file into place, then inserts the File and completes the Upload in one transaction. */
async function storeJoined(state: SandboxState, upload: UploadRecord, joined: Joined): Promise<FileRecord> {
  const now = state.clock.now();
  const file: FileRecord = {
    id: newFileId('openai'),
    dialect: 'openai',
    scope: upload.scope,
    filename: upload.filename,
    bytes: joined.bytes,
    purpose: upload.purpose,
    contentType: resolveContentType(upload.filename, upload.mimeType),
    md5: joined.md5,
    createdAt: now,
    expiresAt: upload.fileExpiresInSeconds === null ? null : now + upload.fileExpiresInSeconds * 1000,
    externalId: null,
  };
  await state.blobs.commitJoined(joined.pieces, file.id);
  try {
    state.store.transaction(() => {
      state.store.insert(file);
      state.uploads.store.finish(upload.id, 'completed', file.id);
    });
  } catch (err) {
    await state.blobs.remove(file.id);
    throw err;
  }
  return file;
}

/** `POST /uploads/{id}/complete`; see the module note. */
export async function completeUpload(ctx: RequestContext): Promise<void> {
  const { state } = ctx;
  const upload = requireUpload(ctx);
  const request = parseComplete(await readJson(ctx.body));
  requireOpen(ctx, upload);
  const parts = orderedParts(upload, request.partIds, state.uploads.store.parts(upload.id));
  const total = parts.reduce((sum, p) => sum + p.bytes, 0);
  if (total !== upload.bytes) {
    throw new HttpError(400, 'invalid', `The listed parts add up to ${total} bytes, but the upload was created for ${upload.bytes} bytes.`, {
      param: 'part_ids',
    });
  }
  state.uploads.busy.add(upload.id);
  let file: FileRecord;
  try {
    const joined = await joinParts(state, upload, parts);
    if (request.md5 !== null && request.md5 !== joined.md5) {
      throw new HttpError(400, 'invalid', `The md5 of the uploaded bytes is ${joined.md5}, not ${request.md5} as given.`, { param: 'md5' });
    }
    file = await storeJoined(state, upload, joined);
  } finally {
    state.uploads.busy.delete(upload.id);
  }
  await removeParts(state.uploads, upload.id);
  const completed = state.uploads.store.get(upload.id) ?? upload;
  sendJson(ctx.res, 200, uploadWire(completed, state.clock.now(), file));
}
