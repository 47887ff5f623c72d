/**
 * VLM Run's wire vocabulary: its purpose list and its `StoreFileResponse` shape, shared by the
 * direct and the presigned upload paths.
 */
import type { RequestContext } from '../context';
import { invalidField } from '../errors';
import { publicUrlFor } from '../public-urls';
import type { FileRecord } from '../store/records';

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

