import type { StoredFile } from '../../../shared/models/files';

/** What the content lookup (by MD5) answered while the upload of the same bytes was under way. */
export type Lookup = { kind: 'new' } | { kind: 'stored'; file: StoredFile } | { kind: 'failed'; error: unknown };

/** The batch's duplicate policy as it applies to this item. */
export interface LookupPolicy {
  /** "Ask me" or "Skip" (and no "Upload anyway" answer yet): a stored copy stops this upload. */
  byPolicy: boolean;
  /** Under a stopping policy, whether the item is skipped (else it waits for the user's answer). */
  skip: boolean;
}

/** What becomes of the upload once the lookup has answered. */
export type Verdict =
  /** Still sending: let the last bytes go. `storedBefore` is what existed before (null: nothing). */
  | { kind: 'send'; storedBefore: string | null }
  /** The upload finished: the item is done with `file` (`storedBefore` undefined: not known). */
  | { kind: 'keep'; file: StoredFile; storedBefore: string | null | undefined }
  /**
   * The bytes are already stored and the policy stops here: abort the upload, and delete
   * `discard` (a copy this upload created) if it finished anyway. The pre-existing file is never
   * deleted, even where the provider answered the upload with that same id.
   */
  | { kind: 'stop'; state: 'duplicate' | 'skipped'; existing: StoredFile; discard: StoredFile | null }
  /**
   * The lookup failed. Still sending: abort and fail the attempt with `error` (the retry rules
   * apply; the body never completed, so nothing was stored). Finished under a stopping policy:
   * whether a copy existed before is unknown, so `kept` is neither deleted nor counted as done.
   */
  | { kind: 'fail'; error: unknown; kept: StoredFile | null };

/**
 * The decision table for hashing and sending in parallel: the lookup's answer × the duplicate
 * policy × whether the upload has already finished (`sent`, null while bytes are still going out).
 * The uploader holds the body's last bytes until the lookup answers, so the lookup always sees the
 * provider as it was before this upload; the finished column covers an upload that completed first
 * anyway, so that no copy is ever left that nobody knows about and no pre-existing file is deleted.
 */
export function judge(policy: LookupPolicy, lookup: Lookup, sent: StoredFile | null): Verdict {
  if (lookup.kind === 'failed') {
    if (sent === null) return { kind: 'fail', error: lookup.error, kept: null };
    return policy.byPolicy ? { kind: 'fail', error: lookup.error, kept: sent } : { kind: 'keep', file: sent, storedBefore: undefined };
  }
  const existing = lookup.kind === 'stored' ? lookup.file : null;
  if (existing && policy.byPolicy) {
    const discard = sent && sent.id !== existing.id ? sent : null;
    return { kind: 'stop', state: policy.skip ? 'skipped' : 'duplicate', existing, discard };
  }
  const storedBefore = existing?.id ?? null;
  return sent === null ? { kind: 'send', storedBefore } : { kind: 'keep', file: sent, storedBefore };
}
