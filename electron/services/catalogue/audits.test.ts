/**
 * What audits need of the catalogue beyond a listing: a kind per snapshot with its own retention,
 * counts and selections for the old-files finder, and deletions left out of a live view.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/sqlite';
import { rowsTable } from './schema';
import { DAY, file, NOW, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';

let t: TempCatalogue;
beforeEach(async () => {
  t = await openTemp();
});
afterEach(() => t.cleanup());

async function auditOf(workspaceId: string, files = [file(1)]) {
  const writer = t.catalogue.begin(workspaceId, { kind: 'audit' });
  writer.addPage(files);
  return writer.complete();
}

describe('snapshot kinds and retention', () => {
  it('records the kind, survives a reopen, and counts each kind apart when retaining', async () => {
    const audits = [await auditOf('ws'), await auditOf('ws'), await auditOf('ws')];
    const listings = [await snapshotOf(t.catalogue, 'ws', [file(2)]), await snapshotOf(t.catalogue, 'ws', [file(3)])];
    expect(audits.map((a) => a.kind)).toEqual(['audit', 'audit', 'audit']);
    expect(listings[0]?.kind).toBe('listing');
    expect(t.catalogue.timeline('ws').map((p) => p.kind)).toEqual(['audit', 'audit', 'audit', 'listing', 'listing']);

    expect(t.catalogue.retain('ws', 1, { kind: 'listing' })).toEqual([listings[0]?.id]);
    expect(t.catalogue.retain('ws', 2, { kind: 'audit' })).toEqual([audits[0]?.id]);
    const reopened = await t.reopen();
    expect(reopened.list('ws').map((s) => [s.id, s.kind])).toEqual([
      [listings[1]?.id, 'listing'],
      [audits[2]?.id, 'audit'],
      [audits[1]?.id, 'audit'],
    ]);
  });

  it('never drops the current snapshot or one someone holds', async () => {
    const held = await auditOf('ws');
    const current = await auditOf('ws');
    expect(t.catalogue.retain('ws', 1, { kind: 'listing' })).toEqual([]);
    expect(t.catalogue.retain('ws', 1, { kind: 'audit', keepIds: [held.id] })).toEqual([]);
    const newer = await auditOf('ws');
    expect(t.catalogue.retain('ws', 1, { kind: 'audit' }).sort()).toEqual([held.id, current.id].sort());
    expect(t.catalogue.current('ws')?.id).toBe(newer.id);
  });
});

describe('counts and selections for the old-files finder', () => {
  const files = Array.from({ length: 20 }, (_, i) => file(i, { purpose: i % 2 === 0 ? 'batch' : 'vision', bytes: 10 * (i + 1) }));

  it('counts files created up to a time (of a purpose) with their bytes, and selects them oldest first', async () => {
    const s = await auditOf('ws', files);
    const upTo = NOW - 10 * DAY;
    const expected = files.filter((f) => Date.parse(f.createdAt) <= upTo && f.purpose === 'batch');
    expect(t.catalogue.tally(s.id, { createdUpTo: upTo, purpose: 'batch' })).toEqual({ count: expected.length, bytes: expected.reduce((n, f) => n + f.bytes, 0) });
    expect(t.catalogue.tally(s.id)).toEqual({ count: 20, bytes: files.reduce((n, f) => n + f.bytes, 0) });
    const oldestFirst = [...expected].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).map((f) => f.id);
    expect(t.catalogue.files(s.id, { createdUpTo: upTo, purpose: 'batch', sort: { by: 'createdAt', dir: 'asc' } }, 100).map((f) => f.id)).toEqual(oldestFirst);
    expect(t.catalogue.files(s.id, { createdUpTo: upTo, purpose: 'batch', sort: { by: 'createdAt', dir: 'asc' }, offset: 2 }, 2).map((f) => f.id)).toEqual(oldestFirst.slice(2, 4));
  });

  it('never counts a file whose date could not be read as old', async () => {
    const s = await auditOf('ws', [file(1), file(2, { createdAt: 'not a date' })]);
    expect(t.catalogue.tally(s.id, { createdUpTo: NOW }).count).toBe(1);
  });
});

describe('deletions', () => {
  it('are left out of pages, totals, tallies and selections only when asked, and only for their workspace', async () => {
    const files = Array.from({ length: 10 }, (_, i) => file(i));
    const s = await auditOf('ws', files);
    const other = await auditOf('other', files);
    t.catalogue.recordDeleted('ws', ['file-0001', 'file-0004', 'not-in-any-snapshot']);
    expect(t.catalogue.page(s.id, { limit: 100 }).total).toBe(10);
    const live = t.catalogue.page(s.id, { limit: 100, excludeDeleted: true });
    expect(live.total).toBe(8);
    expect(live.files.map((f) => f.id)).not.toContain('file-0004');
    expect(t.catalogue.page(s.id, { search: 'report-1', excludeDeleted: true }).total).toBe(0);
    expect(t.catalogue.page(s.id, { search: 'report-2', excludeDeleted: true }).total).toBe(1);
    expect(t.catalogue.tally(s.id, { excludeDeleted: true })).toEqual({ count: 8, bytes: files.reduce((n, f) => n + f.bytes, 0) - 1001 - 1004 });
    expect(t.catalogue.files(s.id, { excludeDeleted: true }, 100)).toHaveLength(8);
    expect(t.catalogue.page(other.id, { excludeDeleted: true }).total).toBe(10);
  });

  it('are forgotten once no snapshot of the workspace is older than them', async () => {
    const s = await auditOf('ws', [file(1)]);
    t.catalogue.recordDeleted('ws', ['file-0001']);
    expect(t.catalogue.pruneDeletions('ws')).toBe(0);
    t.clock.now += DAY;
    const next = await auditOf('ws', [file(2)]);
    t.catalogue.remove(s.id);
    expect(t.catalogue.pruneDeletions('ws')).toBe(1);
    expect(t.catalogue.page(next.id, { excludeDeleted: true }).total).toBe(1);
  });
});

describe('background indexes', () => {
  it('completes a snapshot before its sort indexes, answers correctly meanwhile, and builds them after', async () => {
    const inspect = await openDatabase(t.path);
    try {
      const indexes = (id: number) =>
        inspect
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
          .all(rowsTable(id))
          .map((row) => String(row.name).replace(`${rowsTable(id)}_`, ''))
          .sort();
      const files = Array.from({ length: 30 }, (_, i) => file(i, { name: `n-${(i * 7) % 30}.txt` }));
      const writer = t.catalogue.begin('ws', { kind: 'audit' });
      writer.addPage(files);
      const info = await writer.complete();
      expect(indexes(info.id)).toEqual(['by_expiry', 'by_id', 'by_time']);
      const byName = t.catalogue.page(info.id, { sort: { by: 'name', dir: 'asc' }, limit: 3 }).files.map((f) => f.name);
      expect(byName).toEqual(['n-0.txt', 'n-1.txt', 'n-10.txt']);
      await t.catalogue.indexed(info.id);
      expect(indexes(info.id)).toEqual(['by_expiry', 'by_id', 'by_name', 'by_purpose_name', 'by_purpose_time', 'by_size', 'by_time']);
      expect(t.catalogue.page(info.id, { sort: { by: 'name', dir: 'asc' }, limit: 3 }).files.map((f) => f.name)).toEqual(byName);

      const cut = t.catalogue.begin('ws');
      cut.addPage(files);
      const next = await cut.complete();
      const reopened = await t.reopen();
      await reopened.indexed(next.id);
      expect(indexes(next.id)).toHaveLength(7);
    } finally {
      inspect.close();
    }
  });
});
