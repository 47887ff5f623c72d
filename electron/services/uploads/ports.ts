import type { UploadItem, UploadSummary } from '../../../shared/models/uploads';

/**
 * Where the upload queue reports to. The queue knows nothing of IPC channels: the application
 * core turns these calls into contract events, and tests record them.
 */
export interface UploadEvents {
  /** Items whose state or bytes changed since the last call (throttled by the queue). */
  progress(items: UploadItem[]): void;
  /** The queue's totals, sent only when they moved. */
  summary(summary: UploadSummary): void;
}
