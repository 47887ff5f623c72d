/**
 * The audit's figures reckoned the plain way, over an array in memory: the oracle the catalogue's
 * SQL report is held against in tests. (The app itself never holds a whole listing.)
 */
import type { StoredFile } from '../../shared/models/files';
import { AGE_BUCKETS, EXPIRING_WITHIN_DAYS } from '../../electron/services/catalogue';

const DAY = 86_400_000;

/** Totals, purposes (largest first), files by age and the ones expiring soon (soonest first). */
export interface OracleReport {
  totalFiles: number;
  totalBytes: number;
  byPurpose: { purpose: string; count: number; bytes: number }[];
  ageBuckets: { label: string; count: number; bytes: number }[];
  expiringSoon: StoredFile[];
}

export function buildReport(files: readonly StoredFile[], now: number): OracleReport {
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
    totalFiles: files.length,
    totalBytes,
    byPurpose: [...byPurpose].map(([purpose, v]) => ({ purpose, ...v })).sort((a, b) => b.bytes - a.bytes || b.count - a.count),
    ageBuckets: ages,
    expiringSoon,
  };
}
