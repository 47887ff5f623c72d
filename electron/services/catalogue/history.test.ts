/**
 * History between snapshots: added/removed counts and bytes by file id, the paged lists behind
 * them, and the timeline of a workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';

let t: TempCatalogue;
let a: number;
let b: number;
// A: files 0-19. B: 0-19 without 3, 7 and 11, plus 20-24 (and file 5 renamed: same id, so not a change).
const A = Array.from({ length: 20 }, (_, i) => file(i));
const B = [...A.filter((f) => ![3, 7, 11].includes(Number(f.id.slice(5)))).map((f) => (f.id === 'file-0005' ? { ...f, name: 'renamed.pdf' } : f)), ...[20, 21, 22, 23, 24].map((i) => file(i))];
const bytesOf = (ids: number[]) => ids.reduce((sum, i) => sum + 1000 + i, 0);

beforeAll(async () => {
  t = await openTemp();
  a = (await snapshotOf(t.catalogue, 'ws', A)).id;
  t.clock.now += 60_000;
  b = (await snapshotOf(t.catalogue, 'ws', B)).id;
});
afterAll(() => t.cleanup());

describe('diff', () => {
  it('counts what was added and removed, with bytes and the totals before and after', () => {
    expect(t.catalogue.diff(a, b)).toEqual({
      fromSnapshotId: a,
      toSnapshotId: b,
      before: { count: 20, bytes: bytesOf(A.map((_, i) => i)) },
      after: { count: 22, bytes: bytesOf(A.map((_, i) => i)) - bytesOf([3, 7, 11]) + bytesOf([20, 21, 22, 23, 24]) },
      added: { count: 5, bytes: bytesOf([20, 21, 22, 23, 24]) },
      removed: { count: 3, bytes: bytesOf([3, 7, 11]) },
    });
  });

  it('reads the other way round as the mirror image, and a snapshot against itself as no change', () => {
    const back = t.catalogue.diff(b, a);
    expect(back.added).toEqual(t.catalogue.diff(a, b).removed);
    expect(back.removed).toEqual(t.catalogue.diff(a, b).added);
    expect(t.catalogue.diff(a, a).added).toEqual({ count: 0, bytes: 0 });
  });

  it('lists the added and removed files newest first, page by page, with their totals', () => {
    const added = t.catalogue.added(a, b, { limit: 2 });
    expect(added.total).toBe(5);
    expect(added.files.map((f) => f.id)).toEqual(['file-0020', 'file-0021']);
    expect(t.catalogue.added(a, b, { offset: 4, limit: 10 }).files.map((f) => f.id)).toEqual(['file-0024']);
    const removed = t.catalogue.removed(a, b);
    expect(removed).toEqual({ total: 3, files: [A[3], A[7], A[11]] });
  });

  it('refuses a snapshot that is not complete', () => {
    const writer = t.catalogue.begin('ws');
    expect(() => t.catalogue.diff(a, writer.snapshotId)).toThrow(/running/);
    writer.cancel();
  });
});

describe('timeline', () => {
  it('lists complete snapshots oldest first with their size, skipping failed ones and other workspaces', async () => {
    t.catalogue.begin('ws').fail();
    await snapshotOf(t.catalogue, 'elsewhere', [file(1)]);
    const info = t.catalogue.snapshot(b)!;
    expect(t.catalogue.timeline('ws')).toEqual([
      { snapshotId: a, kind: 'listing', startedAt: t.catalogue.snapshot(a)!.startedAt, finishedAt: t.catalogue.snapshot(a)!.finishedAt, fileCount: 20, totalBytes: bytesOf(A.map((_, i) => i)) },
      { snapshotId: b, kind: 'listing', startedAt: info.startedAt, finishedAt: info.finishedAt, fileCount: 22, totalBytes: info.totalBytes },
    ]);
    expect(t.catalogue.timeline('ws')[1]!.finishedAt - t.catalogue.timeline('ws')[0]!.finishedAt).toBe(60_000);
  });
});
