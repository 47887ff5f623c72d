/**
 * What the OpenAI dialect's Files and Uploads routes both speak: the accepted purposes and the
 * File object. Kept out of `openai.ts` so the Uploads module can use them without an import cycle.
 */
import { invalidField } from '../errors';
import type { FileRecord } from '../store/records';

/** Purposes accepted on upload (responses may carry more, e.g. `batch_output`). */
export const OPENAI_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** The `purpose` field, checked against OPENAI_PURPOSES with OpenAI's wording (400 otherwise). */
export function openaiPurpose(purpose: unknown): string {
  if (purpose === undefined || purpose === null || purpose === '') throw invalidField(['body', 'purpose'], "Missing required parameter: 'purpose'.", null);
  if (typeof purpose !== 'string' || !OPENAI_PURPOSES.includes(purpose)) {
    throw invalidField(['body', 'purpose'], `'${String(purpose)}' is not one of ${OPENAI_PURPOSES.map((p) => `'${p}'`).join(', ')} - 'purpose'`, purpose);
  }
  return purpose;
}

/** A File as OpenAI returns it; a completed Upload nests one under `file`. */
export function openaiFileWire(file: FileRecord): Record<string, unknown> {
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
