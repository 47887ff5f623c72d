import { z } from 'zod';
import { LIMITS } from './bounds';

/**
 * Whether a provider's file id can stand as one segment of a request path. Adapters put the id
 * into `/files/<id>`; an empty id, `.` or `..` (which URL parsing collapses: `DELETE /files/.`
 * becomes `DELETE /files/`, the whole collection), a slash or backslash (another path), or a
 * control character (a broken request line) would address something else, so such ids are refused
 * by the contract and again by every adapter.
 */
export function isFileIdSegment(id: string): boolean {
  if (id === '' || id === '.' || id === '..' || id.length > LIMITS.fileId) return false;
  for (const char of id) {
    const code = char.charCodeAt(0);
    if (char === '/' || char === '\\' || code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}

/** A file id the window sends back (to get, preview or delete): one path segment, bounded. */
export const FileId = z
  .string()
  .max(LIMITS.fileId)
  .refine(isFileIdSegment, { message: 'is not a file id Stowage can use (empty, "." or "..", or it holds a slash or a control character)' });

/** One stored file, the same shape whatever provider it came from. */
export const StoredFile = z.object({
  id: z.string(),
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  purpose: z.string().nullable(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  /** ISO 8601, UTC, where the provider sets an expiry. */
  expiresAt: z.string().nullable(),
});
export type StoredFile = z.infer<typeof StoredFile>;

export const SortKey = z.enum(['name', 'bytes', 'purpose', 'createdAt']);
export type SortKey = z.infer<typeof SortKey>;

export const Sort = z.object({ by: SortKey, dir: z.enum(['asc', 'desc']) });
export type Sort = z.infer<typeof Sort>;

export const PAGE_SIZES = [25, 50, 100, 500] as const;
