/**
 * VLM Run's vocabulary, shared by the direct and the presigned upload paths: its purpose list,
 * its `StoreFileResponse` shape, and its content-hash cache.
 */
import type { RequestContext, SandboxState } from '../context';
import type { ReceivedFile } from '../multipart';
import { invalidField } from '../errors';
import { publicUrlFor } from '../public-urls';
import type { FileRecord } from '../store/records';
import { storeUpload } from '../uploads';

/** Purposes VLM Run accepts. */
export const VLMRUN_PURPOSES = ['assistants', 'assistants_output', 'batch', 'batch_output', 'fine-tune', 'vision', 'datasets'];

/** Validates a purpose in VLM Run's words (422, FastAPI enum error). */
export function vlmrunPurpose(value: string | undefined, loc: (string | number)[]): string {
  const purpose = value ?? 'assistants';
  if (!VLMRUN_PURPOSES.includes(purpose)) {
    const expected = VLMRUN_PURPOSES.map((p) => `'${p}'`).join(', ');
    throw invalidField(loc, `Input should be ${expected}`, purpose, 'enum');
  }
  return purpose;
}

/** The `StoreFileResponse` wire shape. */
export function vlmrunFile(ctx: RequestContext, file: FileRecord, withPublicUrl: boolean): Record<string, unknown> {
  return {
    id: file.id,
    filename: file.filename,
    bytes: file.bytes,
    purpose: file.purpose,
    created_at: new Date(file.createdAt).toISOString(),
    object: 'file',
    public_url: withPublicUrl ? publicUrlFor(ctx, file, ctx.state.publicUrlTtlSeconds).url : null,
  };
}


/**
 * Stores a received upload unless the same bytes with the same purpose are already stored, in
 * which case the copy is dropped and the existing file returned (VLM Run's content-hash cache).
 */
export async function storeDeduplicated(state: SandboxState, received: ReceivedFile, scope: string, purpose: string, id?: string): Promise<FileRecord> {
  const existing = state.store.findByHash('vlmrun', scope, received.md5, purpose, state.clock.now());
  if (existing) {
    await state.blobs.discard(received.tempPath);
    return existing;
  }
  return storeUpload(state, received, { dialect: 'vlmrun', scope, purpose, id });
}
