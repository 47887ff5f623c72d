import type { UploadSummary } from '../../../../shared/models/uploads';

/** "38 uploaded, 2 failed" — only the parts that are not zero, in the order a user cares about. */
export function summaryText(s: UploadSummary): string {
  const parts: string[] = [];
  const n = (v: number) => v.toLocaleString('en-US');
  if (s.active > 0) parts.push(`${n(s.active)} uploading`);
  if (s.queued > 0) parts.push(`${n(s.queued)} waiting`);
  if (s.done > 0) parts.push(`${n(s.done)} uploaded`);
  if (s.failed > 0) parts.push(`${n(s.failed)} failed`);
  if (s.duplicate > 0) parts.push(`${n(s.duplicate)} already stored — choose below`);
  if (s.skipped > 0) parts.push(`${n(s.skipped)} skipped`);
  if (s.cancelled > 0) parts.push(`${n(s.cancelled)} cancelled`);
  if (s.paused > 0) parts.push(`${n(s.paused)} paused`);
  return parts.join(', ');
}
