/**
 * Pages (filters, sort, search, totals) against a reference computed in JavaScript, the query
 * plans behind them, the name+size lookup, and the export stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sort, SortKey, StoredFile } from '../../../shared/models/files';
import { openDatabase } from '../../lib/sqlite';
import { EXPORT_CHUNK, pageSql } from './queries';
import { rowsTable } from './schema';
import { DAY, file, NOW, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';
import type { PageQuery } from './types';

const NAMES = ['Über Plan.pdf', 'über notes.txt', 'Zeta.csv', 'alpha.csv', 'ALPHA.csv', 'Report final.docx', 'report draft.docx', 'Ёлка.png', 'ёлка-2.png'];
const PURPOSES = ['assistants', 'batch', 'vision', null];

/** 60 files with repeated names, sizes, purposes and dates, so every sort has ties to break. */
const FILES: StoredFile[] = Array.from({ length: 60 }, (_, i) =>
  file(i, {
    name: NAMES[i % NAMES.length]!,
    bytes: 100 * (i % 7),
    purpose: PURPOSES[i % PURPOSES.length]!,
    createdAt: i % 13 === 5 ? 'not a date' : new Date(NOW - Math.floor(i / 3) * DAY).toISOString(),
  }),
);

/** The order page() promises: the sort key, its listed tie-breakers, then listing order. */
function reference(q: PageQuery): StoredFile[] {
  const needle = (q.search ?? '').trim().toLowerCase();
  const sort: Sort = q.sort ?? { by: 'createdAt', dir: 'desc' };
  const ms = (f: StoredFile) => (Number.isNaN(Date.parse(f.createdAt)) ? null : Date.parse(f.createdAt));
  const keys: Record<SortKey, (f: StoredFile) => (string | number | null)[]> = {
    createdAt: (f) => [ms(f), f.bytes],
    name: (f) => [f.name.toLowerCase()],
    bytes: (f) => [f.bytes, f.name],
    purpose: (f) => [f.purpose, f.name.toLowerCase()],
  };
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const indexed = FILES.map((f, i) => ({ f, key: [...keys[sort.by](f), i] }));
  return indexed
    .filter(({ f }) => (!q.purpose || f.purpose === q.purpose) && (!needle || f.name.toLowerCase().includes(needle)))
    .sort((a, b) => {
      for (let k = 0; k < a.key.length; k += 1) {
        const d = cmp(a.key[k]!, b.key[k]!);
        if (d !== 0) return sort.dir === 'asc' ? d : -d;
      }
      return 0;
    })
    .map(({ f }) => f);
}

let t: TempCatalogue;
let snapshotId: number;
beforeAll(async () => {
  t = await openTemp();
  snapshotId = (await snapshotOf(t.catalogue, 'ws', FILES)).id;
});
afterAll(() => t.cleanup());

const SORTS: (Sort | null)[] = [null, ...(['name', 'bytes', 'createdAt', 'purpose'] as const).flatMap((by) => (['asc', 'desc'] as const).map((dir) => ({ by, dir })))];

describe('page', () => {
  it.each(SORTS)('sorts by %o with filters, search, offset and total as the reference does', (sort) => {
    for (const purpose of [null, 'batch']) {
      for (const search of ['', 'ÜBER', 'csv', 'ёлка', 'nothing like it']) {
        const q: PageQuery = { sort, purpose, search };
        const all = reference(q);
        const first = t.catalogue.page(snapshotId, { ...q, limit: 5 });
        expect(first.total).toBe(all.length);
        expect(first.files.map((f) => f.id)).toEqual(all.slice(0, 5).map((f) => f.id));
        expect(t.catalogue.page(snapshotId, { ...q, offset: 4, limit: 3 }).files.map((f) => f.id)).toEqual(all.slice(4, 7).map((f) => f.id));
      }
    }
  });

  it('matches names case-insensitively beyond ASCII, and treats % and _ literally', () => {
    expect(reference({ search: 'ÜBER' })).toHaveLength(14);
    expect(t.catalogue.page(snapshotId, { search: '  ÜBER ' }).total).toBe(14);
    expect(t.catalogue.page(snapshotId, { search: 'ЁЛКА' }).total).toBe(12);
    expect(t.catalogue.page(snapshotId, { search: '%' }).total).toBe(0);
    expect(t.catalogue.page(snapshotId, { search: '_' }).total).toBe(0);
  });

  it('clamps the window and returns files as stored (ISO dates, unreadable dates as empty)', () => {
    const all = t.catalogue.page(snapshotId, { limit: 1000 });
    expect(all.files).toHaveLength(60);
    expect(t.catalogue.page(snapshotId, { offset: -5, limit: 2 }).files.map((f) => f.id)).toEqual(all.files.slice(0, 2).map((f) => f.id));
    expect(t.catalogue.page(snapshotId, { offset: 59, limit: 10 }).files).toHaveLength(1);
    expect(all.files.find((f) => f.id === 'file-0005')).toEqual({ ...FILES[5], createdAt: '' });
    expect(all.files.find((f) => f.id === 'file-0001')).toEqual(FILES[1]);
  });
});

describe('query plans', () => {
  it('serves every sort, with or without a purpose filter or search, from an index in order', async () => {
    const db = await openDatabase(t.path);
    const sorted: string[] = [];
    try {
      for (const sort of SORTS) {
        for (const purpose of [null, 'batch']) {
          for (const search of ['', 'x']) {
            const { sql, params } = pageSql(rowsTable(snapshotId), { sort, purpose, search });
            const plan = db
              .prepare(`EXPLAIN QUERY PLAN ${sql}`)
              .all(...params, 10, 0)
              .map((r) => String(r.detail))
              .join(' | ');
            expect(plan).toMatch(/USING (COVERING )?INDEX/);
            if (plan.includes('TEMP B-TREE')) sorted.push(`${sort?.by ?? 'default'}/${purpose ?? '-'}/${search || '-'}`);
          }
        }
      }
    } finally {
      db.close();
    }
    // The one combination without its own index: a purpose filter sorted by size sorts that purpose's rows.
    expect(sorted).toEqual(['bytes/batch/-', 'bytes/batch/x', 'bytes/batch/-', 'bytes/batch/x']);
  });
});

describe('findByNameSize', () => {
  it('finds the newest file with exactly that name and size, and nothing for another size or case', async () => {
    const c = t.catalogue;
    const id = (
      await snapshotOf(c, 'lookup', [
        file(1, { name: 'a.pdf', bytes: 10, createdAt: new Date(NOW - 3 * DAY).toISOString() }),
        file(2, { name: 'a.pdf', bytes: 10, createdAt: new Date(NOW - DAY).toISOString() }),
        file(3, { name: 'a.pdf', bytes: 11 }),
      ])
    ).id;
    expect(c.findByNameSize(id, 'a.pdf', 10)?.id).toBe('file-0002');
    expect(c.findByNameSize(id, 'a.pdf', 12)).toBeNull();
    expect(c.findByNameSize(id, 'A.pdf', 10)).toBeNull();
  });
});

describe('rows', () => {
  it('streams every file newest first (undated last) in chunks, while other listings write', async () => {
    const c = t.catalogue;
    const many = Array.from({ length: EXPORT_CHUNK * 2 + 17 }, (_, i) => file(i, { createdAt: i % 500 === 3 ? 'never' : new Date(NOW - (i % 900) * 1000).toISOString() }));
    const id = (await snapshotOf(c, 'export', many, 1000)).id;
    const other = c.begin('busy');
    const seen: StoredFile[] = [];
    for (const f of c.rows(id)) {
      seen.push(f);
      if (seen.length % 300 === 0) other.addPage([file(seen.length)]);
    }
    other.cancel();
    expect(seen).toHaveLength(many.length);
    expect(new Set(seen.map((f) => f.id)).size).toBe(many.length);
    const times = seen.map((f) => (f.createdAt ? Date.parse(f.createdAt) : -Infinity));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.slice(-5).every((f) => f.createdAt === '')).toBe(true);
  });

  it('stops with an error when the snapshot is removed mid-export', async () => {
    const c = t.catalogue;
    const id = (await snapshotOf(c, 'gone', Array.from({ length: EXPORT_CHUNK + 5 }, (_, i) => file(i)), 500)).id;
    const stream = c.rows(id);
    for (let i = 0; i < EXPORT_CHUNK; i += 1) stream.next();
    c.remove(id);
    expect(() => stream.next()).toThrow(/no snapshot/);
  });
});
