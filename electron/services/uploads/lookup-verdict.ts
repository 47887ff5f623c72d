import type { StoredFile } from '../../../shared/models/files';
import type { MatchBasis } from '../../../shared/models/uploads';
import { keptExisting, type Lookup } from './duplicates';

/** What the duplicate check (by MD5) answered while the upload of the same bytes was under way. */
export type Answer = { kind: 'answered'; found: Lookup } | { kind: 'failed'; error: unknown };

/** The batch's duplicate policy as it applies to this item. */
export interface LookupPolicy {
  /** "Ask me" or "Skip" (and no "Upload anyway" answer yet): a stored copy stops this upload. */
  decides: boolean;
  /** "Skip": an exact match is skipped (a guess, or "Ask me", waits for the user's answer). */
  skip: boolean;
}

/** What becomes of the upload once the lookup has answered. */
export type Verdict =
  /** Still sending, and nothing stops it: let the last bytes go. */
  | { kind: 'send' }
  /** The upload finished and stands: the runner finishes the item with `file` (done, or kept). */
  | { kind: 'keep'; file: StoredFile }
  /**
   * The bytes are already stored and the policy stops here (as the dialog says: "Ask me" waits,
   * "Skip" skips an exact match): abort the upload, and delete `discard` (a copy this upload
   * created) if it finished anyway. A file the provider held before is never deleted, even where
   * it answered the upload with that same file.
   */
  | { kind: 'stop'; state: 'duplicate' | 'skipped'; existing: StoredFile; basis: MatchBasis; discard: StoredFile | null }
  /**
   * The lookup failed. Still sending: abort and fail the attempt with `error` (the retry rules
   * apply; the body never completed, so nothing was stored). Finished under a stopping policy:
   * whether a copy existed before is unknown, so `kept` is neither deleted nor counted as done.
   */
  | { kind: 'fail'; error: unknown; kept: StoredFile | null };

/**
 * The decision table for hashing and sending at once: the lookup's answer (duplicates.ts: an
 * exact `match` for this purpose, the `twin` with these bytes for any purpose) × the duplicate
 * policy × whether the upload has already finished (`sent`, null while bytes are still going out).
 * The uploader holds the body's last bytes until the lookup answers, so the lookup sees the
 * provider as it was before this upload; the finished column covers an upload that completed
 * first anyway, so that no copy is left that nobody knows about and no pre-existing file is deleted.
 */
export function judge(policy: LookupPolicy, answer: Answer, sent: StoredFile | null): Verdict {
  if (answer.kind === 'failed') {
    if (sent === null) return { kind: 'fail', error: answer.error, kept: null };
    return policy.decides ? { kind: 'fail', error: answer.error, kept: sent } : { kind: 'keep', file: sent };
  }
  const { match, twin } = answer.found;
  if (match && policy.decides) {
    const createdHere = sent !== null && sent.id !== match.file.id && !keptExisting(twin, sent);
    return {
      kind: 'stop',
      state: policy.skip && match.basis === 'content' ? 'skipped' : 'duplicate',
      existing: match.file,
      basis: match.basis,
      discard: createdHere ? sent : null,
    };
  }
  return sent === null ? { kind: 'send' } : { kind: 'keep', file: sent };
}
