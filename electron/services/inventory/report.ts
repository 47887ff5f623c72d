import type { InventoryReport } from '../../../shared/contract/inventory';
import type { StoredFile } from '../../../shared/models/files';

const DAY = 86_400_000;

/** Age buckets for the audit chart, youngest first; `max` is exclusive, in days. */
export const AGE_BUCKETS: readonly { label: string; maxDays: number }[] = [
  { label: 'Under 1 day', maxDays: 1 },
  { label: '1–7 days', maxDays: 7 },
  { label: '7–30 days', maxDays: 30 },
  { label: '30–90 days', maxDays: 90 },
  { label: '90–365 days', maxDays: 365 },
  { label: 'Over 1 year', maxDays: Number.POSITIVE_INFINITY },
];

/** Files that expire within this many days appear in the "expiring soon" list. */
export const EXPIRING_WITHIN_DAYS = 7;

/**
 * The audit's numbers from a full listing: totals by purpose (largest first), files by age, and
 * the ones about to expire (soonest first). Pure, so the figures are easy to check in tests.
 */
export function buildReport(runId: string, workspaceId: string, files: StoredFile[], now = Date.now()): InventoryReport {
  const byPurpose = new Map<string, { count: number; bytes: number }>();
  const ages = AGE_BUCKETS.map((b) => ({ label: b.label, count: 0, bytes: 0 }));
  const expiringSoon: StoredFile[] = [];
  let totalBytes = 0;
  for (const file of files) {
    totalBytes += file.bytes;
    const purpose = file.purpose ?? '(none)';
    const p = byPurpose.get(purpose) ?? { count: 0, bytes: 0 };
    p.count += 1;
    p.bytes += file.bytes;
    byPurpose.set(purpose, p);
    const ageDays = Math.max(0, now - Date.parse(file.createdAt)) / DAY;
    const bucket = ages[AGE_BUCKETS.findIndex((b) => ageDays < b.maxDays)];
    if (bucket) {
      bucket.count += 1;
      bucket.bytes += file.bytes;
    }
    if (file.expiresAt) {
      const left = Date.parse(file.expiresAt) - now;
      if (left >= 0 && left <= EXPIRING_WITHIN_DAYS * DAY) expiringSoon.push(file);
    }
  }
  expiringSoon.sort((a, b) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? ''));
  return {
    runId,
    workspaceId,
    finishedAt: new Date(now).toISOString(),
    totalFiles: files.length,
    totalBytes,
    byPurpose: [...byPurpose].map(([purpose, v]) => ({ purpose, ...v })).sort((a, b) => b.bytes - a.bytes || b.count - a.count),
    ageBuckets: ages,
    expiringSoon,
    files,
  };
}
