import type { StoredFile } from '../../../shared/models/files';
import { streamListing } from '../listings/stream-listing';
import type { ProviderAdapter } from '../providers/types';

export { DEFAULT_PARALLEL_PAGES } from '../listings/stream-listing';

/** Cancel and pages in flight for a full listing read into an array. */
export interface ListAllOptions {
  signal?: AbortSignal;
  /** Pages in flight at once for skip/limit providers. */
  parallel?: number;
}

/**
 * Every file of a workspace as one array, each id once. Only for callers that really want the
 * array and know the workspace is small (tests checking what a provider holds): the app itself
 * streams listings into the catalogue (`streamListing`) and never holds one whole.
 */
export async function listAll(adapter: ProviderAdapter, options: ListAllOptions = {}): Promise<StoredFile[]> {
  const byId = new Map<string, StoredFile>();
  await streamListing(adapter, {
    ...options,
    onPage: (files) => {
      for (const file of files) if (!byId.has(file.id)) byId.set(file.id, file);
    },
  });
  return [...byId.values()];
}
