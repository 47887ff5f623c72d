/**
 * The multipart Upload sessions OpenAI's dialect offers (`/v1/uploads`): their shared state, the
 * cleanup at start (parts of uploads that had already ended when the process died, part files
 * without a row), and expiry (an upload is good for an hour; then it turns `expired` and its
 * parts are deleted). Kept apart from the dialect so `expiry.ts` and `index.ts` need only this.
 */
import type { SqlDatabase } from '../lib/sqlite';
import { OrderedPartHashes } from './ordered-part-hash';
import { PartFiles } from './store/part-files';
import { UploadStore } from './store/upload-store';

/** What the Uploads routes share for one running sandbox. */
export interface UploadSessions {
  /** False models a server without `/uploads` (Yandex AI Studio): every Uploads route is a 404. */
  enabled: boolean;
  store: UploadStore;
  parts: PartFiles;
  /**
   * Uploads being completed right now. Completion streams the parts for a while; meanwhile no
   * part may be added, no cancel or second completion may run, and the sweeper leaves them be.
   */
  busy: Set<string>;
  /** Each open Upload's MD5, taken while its parts arrive (see ordered-part-hash.ts). */
  hashes: OrderedPartHashes;
}

/** Opens the upload tables and part files, and removes what a killed process left behind. */
export async function openUploadSessions(db: SqlDatabase, dataDir: string, enabled: boolean): Promise<UploadSessions> {
  const sessions: UploadSessions = { enabled, store: new UploadStore(db), parts: new PartFiles(dataDir), busy: new Set(), hashes: new OrderedPartHashes() };
  for (const uploadId of sessions.store.endedWithParts()) await removeParts(sessions, uploadId);
  sessions.parts.removeOrphans((id) => sessions.store.hasPart(id));
  return sessions;
}

/** Deletes an upload's part rows, then their bytes (a crash in between leaves orphans, swept at start). */
export async function removeParts(sessions: UploadSessions, uploadId: string): Promise<void> {
  sessions.hashes.forget(uploadId);
  for (const id of sessions.store.deleteParts(uploadId)) await sessions.parts.remove(id);
}

/** Marks pending uploads past their hour as expired and deletes their parts. */
export async function sweepExpiredUploads(sessions: UploadSessions, nowMs: number): Promise<void> {
  for (const upload of sessions.store.expiredPending(nowMs)) {
    if (sessions.busy.has(upload.id)) continue;
    sessions.store.finish(upload.id, 'expired');
    await removeParts(sessions, upload.id);
  }
}
