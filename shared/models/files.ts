import { z } from 'zod';

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
