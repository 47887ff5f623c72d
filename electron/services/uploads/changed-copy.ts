import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';

/** What becomes of the copy a provider stored from a file that changed during its upload. */
export interface ChangedCopy {
  /** The item's error: file_changed, saying what happened to the copy. */
  error: { code: 'file_changed'; message: string };
  /** The copy's id when it is kept (so it is never an unknown file on the provider), else null. */
  fileId: string | null;
}

function words(what: string, outcome: string): ChangedCopy['error'] {
  return {
    code: 'file_changed',
    message: `The file changed while it was being uploaded (${what}), so the upload was not counted. ${outcome} Add it again once it has finished changing.`,
  };
}

/**
 * One rule for every dialect: a copy this upload created is deleted; a file that already existed
 * before it (a provider that dedupes by content answered with a file it already had) is kept and
 * the item says so; and whatever is kept has its id recorded on the item and in the activity log,
 * so no copy is left that nobody knows about.
 *
 * `storedBefore` is what a lookup of these exact bytes found just before sending (deduping
 * providers only): an id, null for "nothing", undefined when no lookup was made. The bytes sent
 * are the ones that were looked up: a change while they were read stops the body before it
 * completes (source-file.ts), so a stored copy here holds exactly the checked bytes.
 */
export async function settleChangedCopy(adapter: ProviderAdapter, file: StoredFile, storedBefore: string | null | undefined, what: string): Promise<ChangedCopy> {
  const label = adapter.info.label;
  if (adapter.dedupesByContent && storedBefore === file.id) {
    return { error: words(what, `${label} already stored these bytes as ${file.id} before this upload, so that file was kept.`), fileId: file.id };
  }
  const createdHere = !adapter.dedupesByContent || storedBefore === null;
  if (!createdHere) {
    return {
      error: words(what, `${label} answered with ${file.id}, which may be a file it already had, so Stowage kept it; delete it from the file list if you do not want it.`),
      fileId: file.id,
    };
  }
  try {
    await adapter.remove(file.id);
    return { error: words(what, `The copy it sent was deleted from ${label}.`), fileId: null };
  } catch {
    return {
      error: words(what, `Stowage could not delete the copy it sent (${file.id}) from ${label}; delete it from the file list if you do not want it.`),
      fileId: file.id,
    };
  }
}
