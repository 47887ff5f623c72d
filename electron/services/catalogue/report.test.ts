/**
 * The audit report from SQL: hand-checked figures on a small set (bucket edges, future and
 * unreadable dates, expiry window), the same numbers as a plain in-memory reckoning, and a
 * limited expiring list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryReport } from '../../../shared/contract/inventory';
import type { StoredFile } from '../../../shared/models/files';
import { buildReport } from '../../../test/support/report-oracle';
import { DAY, file, NOW, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';

const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const ahead = (days: number) => new Date(NOW + days * DAY).toISOString();

const FILES: StoredFile[] = [
  file(1, { bytes: 100, purpose: 'assistants', createdAt: ago(0.5), expiresAt: ahead(2) }),
  file(2, { bytes: 200, purpose: 'batch', createdAt: ago(3), expiresAt: ahead(8) }),
  file(3, { bytes: 300, purpose: null, createdAt: ago(10), expiresAt: ago(1) }),
  file(4, { bytes: 400, purpose: 'batch', createdAt: ago(45), expiresAt: ahead(1) }),
  file(5, { bytes: 500, purpose: 'assistants', createdAt: ago(100) }),
  file(6, { bytes: 600, purpose: 'batch', createdAt: ago(400) }),
  file(7, { bytes: 700, purpose: 'vision', createdAt: ahead(1 / 24) }),
  file(8, { bytes: 800, purpose: 'vision', createdAt: 'not a date' }),
  file(9, { bytes: 50, purpose: 'assistants', createdAt: ago(1), expiresAt: ahead(7) }),
];

let t: TempCatalogue;
let snapshotId: number;
beforeAll(async () => {
  t = await openTemp();
  snapshotId = (await snapshotOf(t.catalogue, 'ws', FILES, 4)).id;
});
afterAll(() => t.cleanup());

describe('report', () => {
  it('adds up totals, purposes (largest first), age buckets and the expiring-soon list', () => {
    const report = t.catalogue.report(snapshotId, { now: NOW });
    expect(report).toMatchObject({ snapshotId, workspaceId: 'ws', totalFiles: 9, totalBytes: 3650, expiringSoonTotal: 3 });
    expect(report.byPurpose).toEqual([
      { purpose: 'vision', count: 2, bytes: 1500 },
      { purpose: 'batch', count: 3, bytes: 1200 },
      { purpose: 'assistants', count: 3, bytes: 650 },
      { purpose: '(none)', count: 1, bytes: 300 },
    ]);
    expect(report.ageBuckets).toEqual([
      { label: 'Under 1 day', count: 2, bytes: 800 },
      { label: '1–7 days', count: 2, bytes: 250 },
      { label: '7–30 days', count: 1, bytes: 300 },
      { label: '30–90 days', count: 1, bytes: 400 },
      { label: '90–365 days', count: 1, bytes: 500 },
      { label: 'Over 1 year', count: 1, bytes: 600 },
    ]);
    expect(report.expiringSoon.map((f) => f.id)).toEqual(['file-0004', 'file-0001', 'file-0009']);
  });

  it('gives the same figures as the in-memory report, in the InventoryReport shape', () => {
    const ours = t.catalogue.report(snapshotId, { now: NOW });
    const theirs = buildReport(FILES, NOW);
    expect(ours.byPurpose).toEqual(theirs.byPurpose);
    expect(ours.ageBuckets).toEqual(theirs.ageBuckets);
    expect(ours.totalBytes).toBe(theirs.totalBytes);
    expect(ours.totalFiles).toBe(theirs.totalFiles);
    expect(ours.expiringSoon.map((f) => f.id)).toEqual(theirs.expiringSoon.map((f) => f.id));
    expect(InventoryReport.safeParse(ours).success).toBe(true);
  });

  it('measures age from the time asked for, and cuts the expiring list to its limit', () => {
    const later = t.catalogue.report(snapshotId, { now: NOW + 30 * DAY, expiringLimit: 1 });
    expect(later.ageBuckets.map((b) => b.count)).toEqual([0, 0, 1, 5, 1, 1]);
    expect(later.ageBuckets).toEqual(buildReport(FILES, NOW + 30 * DAY).ageBuckets);
    expect(later.expiringSoonTotal).toBe(0);
    const cut = t.catalogue.report(snapshotId, { now: NOW, expiringLimit: 1 });
    expect(cut.expiringSoon.map((f) => f.id)).toEqual(['file-0004']);
    expect(cut.expiringSoonTotal).toBe(3);
    expect(cut).not.toHaveProperty('files');
    expect(cut.finishedAt).toBe(new Date(t.catalogue.snapshot(snapshotId)!.finishedAt!).toISOString());
  });
});
