import { z } from 'zod';
import { invoke } from '../ipc/define';
import { DEFAULT_CONCURRENCY, KeyStorage, Workspace } from '../models/workspaces';
import { PROVIDER_KINDS } from '../models/providers';
import { LIMITS, Purpose, RecordId } from '../models/bounds';

/** Input for creating or editing a workspace. The key is write-only: it goes in, never out. */
export const WorkspaceDraft = z.object({
  id: RecordId.optional(),
  name: z.string().trim().min(1).max(80),
  provider: z.enum(PROVIDER_KINDS),
  baseUrl: z.string().max(LIMITS.url).url(),
  projectId: z.string().trim().max(200).nullable().default(null),
  folderId: z.string().trim().max(200).nullable().default(null),
  defaultPurpose: Purpose.nullable().default(null),
  concurrency: z.number().int().min(1).max(8).default(DEFAULT_CONCURRENCY),
  /** Omitted when editing and the user did not type a new key. */
  apiKey: z.string().min(1).max(4096).optional(),
  keyStorage: KeyStorage.default('keychain'),
  /**
   * The operator ticked "Send the saved key to <host>": the saved key may go to this draft's
   * provider and origin although it was saved for others. Without it, a saved key goes only where
   * it was saved for; on a change of provider or origin it is dropped on save and not sent on test.
   */
  keyTransfer: z.literal('confirm').optional(),
});
export type WorkspaceDraft = z.input<typeof WorkspaceDraft>;

export const workspaceChannels = {
  'workspaces:list': invoke(
    z.undefined(),
    z.object({
      workspaces: z.array(Workspace),
      activeId: z.string().nullable(),
      /** Whether the OS keychain answered; if not, keys can only be kept for this session. */
      keychain: z.enum(['available', 'unavailable']),
    }),
  ),
  'workspaces:save': invoke(WorkspaceDraft, Workspace),
  'workspaces:remove': invoke(z.object({ id: RecordId }), z.object({ removed: z.literal(true) })),
  'workspaces:activate': invoke(z.object({ id: RecordId }), Workspace),
  /** Checks a saved workspace (or an unsaved draft) against its provider. */
  'workspaces:test': invoke(
    z.union([z.object({ id: RecordId }), z.object({ draft: WorkspaceDraft })]),
    z.object({ latencyMs: z.number() }),
  ),
} as const;
