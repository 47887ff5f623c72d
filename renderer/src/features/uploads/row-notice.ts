import type { UploadItem } from '../../../../shared/models/uploads';
import { formatBytes } from '../../../../shared/format';

/**
 * The line under a row that is not an error: where a resumed upload picked up ("Resumed at 1.2 GB
 * of 3.0 GB"), or what main said about it (a session that expired and started again). Null when
 * there is nothing to say; a failed row shows its error instead.
 */
export function rowNotice(item: UploadItem): string | null {
  if (item.state === 'failed') return null;
  if (item.resumedFrom !== null) return `Resumed at ${formatBytes(item.resumedFrom)} of ${formatBytes(item.bytes)}`;
  return item.notice;
}
