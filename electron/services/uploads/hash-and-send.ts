import { AppError } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { MatchBasis } from '../../../shared/models/uploads';
import type { FileSource } from '../providers/types';
import type { Lookup } from './duplicates';
import { judge, type Answer, type LookupPolicy, type Verdict } from './lookup-verdict';

/**
 * Files at least this large are hashed beside their upload. Below it, hashing first costs a few
 * milliseconds and sends nothing that might be thrown away.
 */
export const HASH_BESIDE_MIN_BYTES = 8 * 1024 * 1024;

/** What one attempt of hashing while sending needs from the runner. */
export interface HashAndSendDeps {
  policy: LookupPolicy;
  /** The provider's name, for the words of a failure. */
  label: string;
  /** Hashes the file (its own reads of the shared descriptor) and runs the duplicate check on it. */
  lookup(signal: AbortSignal): Promise<Lookup>;
  /** Sends `body`, which holds back its last bytes until the lookup has answered. */
  send(body: FileSource, signal: AbortSignal): Promise<StoredFile>;
  /** Deletes a copy this upload created that must not be kept. */
  remove(id: string): Promise<void>;
  /** Told what the lookup found as soon as it answers (the runner keeps it for finishing and for retries). */
  learned(found: Lookup): void;
}

/** How the attempt ended, when it did not throw. */
export type HashAndSendOutcome =
  | { kind: 'uploaded'; file: StoredFile }
  | { kind: 'stopped'; state: 'duplicate' | 'skipped'; existing: StoredFile; basis: MatchBasis };

/**
 * `source` with its last piece held until `gate` settles: the provider cannot have stored the
 * file before the gate opens, and a rejected gate ends the body (the upload fails, nothing stored).
 */
export function gatedSource(source: FileSource, gate: Promise<void>): FileSource {
  return {
    bytes: source.bytes,
    async *chunks() {
      let read = 0;
      for await (const chunk of source.chunks()) {
        read += chunk.byteLength;
        if (read >= source.bytes) await gate;
        yield chunk;
      }
    },
  };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * One attempt that hashes and sends at once, so a large file costs the longer of the two instead
 * of their sum. The hash is read from the same open descriptor as the body (the second read comes
 * from the page cache); the lookup starts when the hash is known, and the body's last bytes wait
 * for its answer. Then the decision table (lookup-verdict.ts) says whether the upload goes on,
 * is aborted (already stored, and the policy stops: nothing new was stored), or fails with the
 * lookup's error for the retry rules. `signal` cancels everything.
 */
export async function hashAndSend(source: FileSource, deps: HashAndSendDeps, signal: AbortSignal): Promise<HashAndSendOutcome> {
  const sending = new AbortController();
  const checking = new AbortController();
  const stopAll = () => {
    sending.abort(signal.reason);
    checking.abort(signal.reason);
  };
  signal.addEventListener('abort', stopAll, { once: true });
  let open!: () => void;
  let close!: (reason: unknown) => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    close = reject;
  });
  gate.catch(() => undefined);
  sending.signal.addEventListener('abort', () => close(sending.signal.reason), { once: true });

  try {
    signal.throwIfAborted();
    const looking: Promise<Answer> = deps.lookup(checking.signal).then(
      (found) => ({ kind: 'answered', found }),
      (error: unknown) => ({ kind: 'failed', error }),
    );
    const uploading = settle(deps.send(gatedSource(source, gate), sending.signal));
    const first = await Promise.race([looking.then((lookup) => ({ lookup })), uploading.then((upload) => ({ upload }))]);

    if ('upload' in first && !first.upload.ok) {
      checking.abort();
      throw first.upload.error;
    }
    const lookup = 'lookup' in first ? first.lookup : await looking;
    if (lookup.kind === 'answered') deps.learned(lookup.found);
    const early = 'upload' in first && first.upload.ok ? first.upload.value : null;
    let verdict: Verdict = judge(deps.policy, lookup, early);
    if (verdict.kind === 'send') {
      open();
      const upload = await uploading;
      if (!upload.ok) throw upload.error;
      verdict = judge(deps.policy, lookup, upload.value);
    } else if (early === null) {
      sending.abort();
      const upload = await uploading;
      // The gate never opened, so the body never completed; judged again only as a safeguard.
      if (upload.ok) verdict = judge(deps.policy, lookup, upload.value);
    }
    return await act(verdict, deps);
  } finally {
    signal.removeEventListener('abort', stopAll);
    close(new Error('attempt over'));
  }
}

/** Carries out a verdict once the upload is over one way or the other. */
async function act(verdict: Verdict, deps: HashAndSendDeps): Promise<HashAndSendOutcome> {
  switch (verdict.kind) {
    case 'keep':
      return { kind: 'uploaded', file: verdict.file };
    case 'stop':
      if (verdict.discard) await discard(verdict.discard, verdict.existing, deps);
      return { kind: 'stopped', state: verdict.state, existing: verdict.existing, basis: verdict.basis };
    case 'fail':
      if (verdict.kept) {
        throw new AppError(
          'server_error',
          `Stowage could not check whether ${deps.label} already had these bytes, and the upload finished as ${verdict.kept.id}. Delete it from the file list if it is a second copy.`,
        );
      }
      throw verdict.error;
    case 'send':
      throw new Error('an upload still sending cannot be settled');
  }
}

/** Deletes the second copy this upload made; if that fails, the item fails naming it. */
async function discard(copy: StoredFile, existing: StoredFile, deps: HashAndSendDeps): Promise<void> {
  try {
    await deps.remove(copy.id);
  } catch {
    throw new AppError(
      'conflict',
      `${deps.label} already stored these bytes as ${existing.id}, and Stowage could not delete the second copy it sent (${copy.id}). Delete it from the file list if you do not want it.`,
    );
  }
}
