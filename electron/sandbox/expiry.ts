/**
 * Expiry housekeeping. Queries already hide expired files; this also deletes them (row first,
 * then bytes) so disk space comes back, and ends multipart Uploads past their hour. It runs at
 * start, every 30 seconds, and whenever the sandbox clock is moved.
 */
import type { SandboxState } from './context';
import { sweepExpiredUploads } from './upload-sessions';

const BATCH = 500;

/** Deletes every expired file, every presigned upload slot that can no longer complete, and expired Uploads' parts. */
export async function sweepExpired(state: SandboxState): Promise<void> {
  const now = state.clock.now();
  for (;;) {
    const batch = state.store.expired(now, BATCH);
    for (const { id } of batch) {
      state.store.deleteById(id);
      await state.blobs.remove(id);
    }
    if (batch.length < BATCH) break;
  }
  state.store.dropStalePending(now);
  await sweepExpiredUploads(state.uploads, state.clock.now());
}
