import type { UploadItem, UploadSummary } from '../../../../shared/models/uploads';
import { plural } from '../../lib/format';

/** What the counts alone do not say: how many waiting duplicates are guesses, and who kept copies. */
export interface SummaryExtras {
  /** Items waiting on a decision whose match is only "same name and size". */
  guessed: number;
  /** The provider that answered with copies it already held ("VLM Run"), for the "kept" part. */
  keptBy: string;
}

/** The extras from the queue's items and a way to name each item's provider. */
export function summaryExtras(items: readonly UploadItem[], providerOf: (workspaceId: string) => string | null): SummaryExtras {
  let guessed = 0;
  const keepers = new Set<string>();
  for (const item of items) {
    if (item.state === 'duplicate' && item.matchBasis === 'name_size') guessed += 1;
    if (item.state === 'kept') keepers.add(providerOf(item.workspaceId) ?? 'The provider');
  }
  return { guessed, keptBy: keepers.size === 1 ? ([...keepers][0] as string) : 'The provider' };
}

function keptText(count: number, by: string): string {
  return count === 1
    ? `${by} kept the existing copy (same id) instead of storing a second one`
    : `${by} kept the existing copies of ${plural(count, 'file')} (same ids) instead of storing second ones`;
}

/**
 * "38 uploaded, 2 failed" — only the parts that are not zero, in the order a user cares about.
 * A waiting duplicate is "already stored" only when the contents were compared; one matched by
 * name and size says so, and a copy the provider kept is never counted as uploaded.
 */
export function summaryText(s: UploadSummary, extras: SummaryExtras = { guessed: 0, keptBy: 'The provider' }): string {
  const parts: string[] = [];
  const n = (v: number) => v.toLocaleString('en-US');
  if (s.active > 0) parts.push(`${n(s.active)} uploading`);
  if (s.queued > 0) parts.push(`${n(s.queued)} waiting`);
  if (s.done > 0) parts.push(`${n(s.done)} uploaded`);
  if (s.kept > 0) parts.push(keptText(s.kept, extras.keptBy));
  if (s.failed > 0) parts.push(`${n(s.failed)} failed`);
  const exact = s.duplicate - extras.guessed;
  const waiting: string[] = [];
  if (exact > 0) waiting.push(`${n(exact)} already stored`);
  if (extras.guessed > 0) waiting.push(`${n(extras.guessed)} with a file of the same name and size stored (contents not compared)`);
  if (waiting.length > 0) parts.push(`${waiting.join(', ')} — choose below`);
  if (s.skipped > 0) parts.push(`${n(s.skipped)} skipped`);
  if (s.cancelled > 0) parts.push(`${n(s.cancelled)} cancelled`);
  if (s.paused > 0) parts.push(`${n(s.paused)} paused`);
  return parts.join(', ');
}
