/**
 * A stored file's lifecycle, shared by every dialect: name the content, make it durable in the
 * right order (blob renamed into place and fsynced, then the row inserted, so a file is listed
 * only once all of its bytes are on disk), look it up, and delete it (row first, then bytes).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import mime from 'mime-types';
import type { RequestContext, SandboxState } from './context';
import { HttpError, type ErrorDetail } from './errors';
import type { ReceivedFile } from './multipart';
import type { Dialect, FileRecord } from './store/records';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random id in OpenAI's style: a prefix and 24 base62 characters (`file-…`, `upload_…`, `part_…`). */
export function openaiStyleId(prefix: string): string {
  let id = prefix;
  for (const b of randomBytes(24)) id += BASE62[b % 62];
  return id;
}

/** A new file id in the dialect's own style (OpenAI `file-…`, the others UUIDs). */
export function newFileId(dialect: Dialect): string {
  return dialect === 'openai' ? openaiStyleId('file-') : randomUUID();
}

/** The type to serve a file with: the client's declared type unless it is generic, else by extension. */
export function resolveContentType(filename: string, declared: string | undefined): string {
  const clean = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (clean && clean !== 'application/octet-stream') return clean;
  return mime.lookup(filename) || 'application/octet-stream';
}

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/x-sh',
  'application/x-csh',
  'application/x-apple-diskimage',
  'application/java-archive',
]);

/** True for program binaries and scripts, which no Files API here accepts as model input. */
export function isExecutableType(contentType: string): boolean {
  return EXECUTABLE_TYPES.has(contentType);
}

/** What a dialect decides about a received upload; the rest comes from the bytes. */
export interface NewFileSpec {
  dialect: Dialect;
  scope: string;
  purpose: string;
  /** Preassigned id (presigned uploads); default a new one in the dialect's style. */
  id?: string;
  expiresInSeconds?: number | null;
  externalId?: string | null;
}

/**
 * Records a received upload: renames the fsynced temp file into place, then inserts the row.
 * If the insert fails the blob is removed again, so a row and its bytes exist together or not at all.
 */
export async function storeUpload(state: SandboxState, received: ReceivedFile, spec: NewFileSpec): Promise<FileRecord> {
  const now = state.clock.now();
  const file: FileRecord = {
    id: spec.id ?? newFileId(spec.dialect),
    dialect: spec.dialect,
    scope: spec.scope,
    filename: received.filename,
    bytes: received.bytes,
    purpose: spec.purpose,
    contentType: resolveContentType(received.filename, received.mimeType),
    md5: received.md5,
    createdAt: now,
    expiresAt: spec.expiresInSeconds == null ? null : now + spec.expiresInSeconds * 1000,
    externalId: spec.externalId ?? null,
  };
  await state.blobs.commit(received.tempPath, file.id);
  try {
    state.store.insert(file);
  } catch (err) {
    await state.blobs.remove(file.id);
    throw err;
  }
  return file;
}

/** Runs `use` on a received upload and deletes its temp file if `use` fails (e.g. a bad field). */
export async function withReceived<T>(state: SandboxState, received: ReceivedFile, use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (err) {
    await state.blobs.discard(received.tempPath);
    throw err;
  }
}

/** Deletes a file's row, then its bytes (a crash in between leaves an orphan blob, swept at start). */
export async function deleteFile(state: SandboxState, file: FileRecord): Promise<void> {
  state.store.deleteById(file.id);
  await state.blobs.remove(file.id);
}

/** The caller's live file `id` in this dialect and scope, or a 404 in the dialect's words. */
export function requireFile(ctx: RequestContext, dialect: Dialect, id: string, message = `File not found: ${id}`, detail: ErrorDetail = {}): FileRecord {
  const file = ctx.state.store.get(dialect, ctx.scope, id, ctx.state.clock.now());
  if (!file) throw new HttpError(404, 'not_found', message, detail);
  return file;
}
