/**
 * Every file a provider holds, as one array with each id once: for tests that check what was
 * stored in a small workspace. The app never does this; it streams listings into the catalogue.
 */
import type { StoredFile } from '../../shared/models/files';
import { streamListing } from '../../electron/services/listings/stream-listing';
import type { ProviderAdapter } from '../../electron/services/providers/types';

export async function listAll(adapter: ProviderAdapter, options: { signal?: AbortSignal; parallel?: number } = {}): Promise<StoredFile[]> {
  const byId = new Map<string, StoredFile>();
  await streamListing(adapter, {
    ...options,
    onPage: (files) => {
      for (const file of files) if (!byId.has(file.id)) byId.set(file.id, file);
    },
  });
  return [...byId.values()];
}
