import { z } from 'zod';
import { PROVIDER_KINDS } from './providers';

/**
 * The most uploads in flight per workspace unless the user chooses otherwise: the one default,
 * used by the contract, the services and the form alike. It is a cap: small files (round trips)
 * use all of it, large files (8 MB and more: bytes) go at most 3 at a time whatever the setting
 * (electron/services/uploads/slots.ts), so the default serves both without the user choosing.
 */
export const DEFAULT_CONCURRENCY = 8;

export const KeyStorage = z.enum(['keychain', 'session']);
export type KeyStorage = z.infer<typeof KeyStorage>;

/** A workspace is one account on one provider; the key itself never appears here. */
export const Workspace = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(PROVIDER_KINDS),
  baseUrl: z.string(),
  projectId: z.string().nullable(),
  folderId: z.string().nullable(),
  defaultPurpose: z.string().nullable(),
  concurrency: z.number().int().min(1).max(8),
  /** Where the key lives, or null when none is saved (the built-in sandbox needs none from the user). */
  keyStorage: KeyStorage.nullable(),
  hasKey: z.boolean(),
  /** The embedded local sandbox; it cannot be edited or removed. */
  builtIn: z.boolean(),
});
export type Workspace = z.infer<typeof Workspace>;
