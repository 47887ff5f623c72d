/**
 * The audit report of a snapshot, computed in SQL: totals, by purpose, age buckets and expiring
 * soon (the tests hold them against a plain in-memory reckoning), read from covering
 * indexes instead of walking an in-memory array, and with the expiring list cut to a first page.
 */
import type { Connection } from './connection';
import { FILE_COLUMNS, toStoredFile } from './rows';
import type { SnapshotStore } from './snapshots';
import type { CatalogueReport, ReportOptions } from './types';

const DAY = 86_400_000;
const FAR = Number.MAX_SAFE_INTEGER;

/** Age buckets for the audit's chart, youngest first; `maxDays` is exclusive. */
export const AGE_BUCKETS: readonly { label: string; maxDays: number }[] = [
  { label: 'Under 1 day', maxDays: 1 },
  { label: '1–7 days', maxDays: 7 },
  { label: '7–30 days', maxDays: 30 },
  { label: '30–90 days', maxDays: 90 },
  { label: '90–365 days', maxDays: 365 },
  { label: 'Over 1 year', maxDays: Number.POSITIVE_INFINITY },
];

/** Files that expire within this many days are "expiring soon". */
export const EXPIRING_WITHIN_DAYS = 7;
export const DEFAULT_REPORT_LIMIT = 100;

/**
 * The creation-time range of each bucket: age = max(0, now - created) falls in bucket i when
 * previous.maxDays <= age/DAY < maxDays, i.e. now - maxDays·DAY < created <= now - previous·DAY
 * (the first bucket is open upwards, so files dated in the future count as new).
 */
export function bucketRanges(now: number): { label: string; after: number; upTo: number }[] {
  return AGE_BUCKETS.map((bucket, i) => {
    const previous = AGE_BUCKETS[i - 1];
    return {
      label: bucket.label,
      after: Number.isFinite(bucket.maxDays) ? now - bucket.maxDays * DAY : -FAR,
      upTo: previous ? now - previous.maxDays * DAY : FAR,
    };
  });
}

/** Builds `CatalogueReport`s. */
export class SnapshotReports {
  constructor(
    private readonly conn: Connection,
    private readonly store: SnapshotStore,
  ) {}

  report(snapshotId: number, options: ReportOptions = {}): CatalogueReport {
    const { table, info } = this.store.readable(snapshotId);
    const now = options.now ?? this.store.now();
    const expiringLimit = Math.max(0, Math.floor(options.expiringLimit ?? DEFAULT_REPORT_LIMIT));
    const stmt = (sql: string) => this.conn.stmt(sql, snapshotId);

    const byPurpose = new Map<string, { count: number; bytes: number }>();
    for (const row of stmt(`SELECT purpose, count(*) AS n, total(bytes) AS b FROM ${table} GROUP BY purpose`).all()) {
      const purpose = row.purpose === null ? '(none)' : String(row.purpose);
      const tally = byPurpose.get(purpose) ?? { count: 0, bytes: 0 };
      tally.count += Number(row.n);
      tally.bytes += Number(row.b);
      byPurpose.set(purpose, tally);
    }

    const inRange = stmt(`SELECT count(*) AS n, total(bytes) AS b FROM ${table} WHERE created_at > ? AND created_at <= ?`);
    const ageBuckets = bucketRanges(now).map(({ label, after, upTo }) => {
      const row = inRange.get(after, upTo);
      return { label, count: Number(row?.n ?? 0), bytes: Number(row?.b ?? 0) };
    });

    const soonEnd = now + EXPIRING_WITHIN_DAYS * DAY;
    const expiringSoon = stmt(`SELECT ${FILE_COLUMNS} FROM ${table} WHERE expires_at >= ? AND expires_at <= ? ORDER BY expires_at, rowid LIMIT ?`)
      .all(now, soonEnd, expiringLimit)
      .map(toStoredFile);
    const expiringSoonTotal = Number(stmt(`SELECT count(*) AS n FROM ${table} WHERE expires_at >= ? AND expires_at <= ?`).get(now, soonEnd)?.n ?? 0);

    return {
      snapshotId,
      runId: String(snapshotId),
      workspaceId: info.workspaceId,
      finishedAt: new Date(info.finishedAt ?? now).toISOString(),
      totalFiles: info.fileCount,
      totalBytes: info.totalBytes,
      byPurpose: [...byPurpose].map(([purpose, v]) => ({ purpose, ...v })).sort((a, b) => b.bytes - a.bytes || b.count - a.count),
      ageBuckets,
      expiringSoon,
      expiringSoonTotal,
    };
  }
}
