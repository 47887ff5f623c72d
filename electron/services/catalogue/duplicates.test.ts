/**
 * Likely duplicates: grouped by known content hash or else by name and size, labelled with that
 * basis, newest first, with the bytes a clean-up would free; and allButNewest keeps exactly one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import { DAY, file, NOW, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';

const at = (days: number) => new Date(NOW - days * DAY).toISOString();

/**
 * - 1, 2, 3: same name and size, no hash → one 'same name and size' group of 3, newest is 2;
 * - 4, 5: different names, same hash → one 'content hash' group, newest is 5;
 * - 6, 7: same name and size but different known hashes → not duplicates;
 * - 8, 9: same name and size, 8 hashed (alone in its hash) → 9 alone by name and size → none;
 * - 10, 11: same name, different size → none.
 */
const FILES: StoredFile[] = [
  file(1, { name: 'scan.pdf', bytes: 5000, createdAt: at(5) }),
  file(2, { name: 'scan.pdf', bytes: 5000, createdAt: at(1) }),
  file(3, { name: 'scan.pdf', bytes: 5000, createdAt: at(9) }),
  file(4, { name: 'photo.jpg', bytes: 9000, createdAt: at(4) }),
  file(5, { name: 'photo (1).jpg', bytes: 9000, createdAt: at(2) }),
  file(6, { name: 'notes.txt', bytes: 10, createdAt: at(1) }),
  file(7, { name: 'notes.txt', bytes: 10, createdAt: at(2) }),
  file(8, { name: 'data.csv', bytes: 77, createdAt: at(1) }),
  file(9, { name: 'data.csv', bytes: 77, createdAt: at(2) }),
  file(10, { name: 'a.bin', bytes: 1 }),
  file(11, { name: 'a.bin', bytes: 2 }),
];

let t: TempCatalogue;
let snapshotId: number;
beforeEach(async () => {
  t = await openTemp();
  const c = t.catalogue;
  c.rememberHash('ws', 'file-0004', 'AAAA');
  c.rememberHash('ws', 'file-0005', 'aaaa');
  c.rememberHash('ws', 'file-0006', 'bbbb');
  c.rememberHash('ws', 'file-0007', 'cccc');
  c.rememberHash('ws', 'file-0008', 'dddd');
  c.rememberHash('other', 'file-0001', 'eeee');
  c.rememberHash('other', 'file-0002', 'eeee');
  snapshotId = (await snapshotOf(c, 'ws', FILES, 3)).id;
});
afterEach(() => t.cleanup());

describe('duplicateGroups', () => {
  it('groups by content hash where known and by name and size otherwise, largest saving first', () => {
    const page = t.catalogue.duplicateGroups(snapshotId);
    expect(page.totalGroups).toBe(2);
    expect(page.totalReclaimableBytes).toBe(10_000 + 9000);
    expect(page.groups.map(({ files, ...g }) => ({ ...g, ids: files.map((f) => f.id) }))).toEqual([
      { basis: 'same name and size', md5: null, name: 'scan.pdf', bytes: 5000, copies: 3, reclaimableBytes: 10_000, ids: ['file-0002', 'file-0001', 'file-0003'] },
      { basis: 'content hash', md5: 'aaaa', name: null, bytes: 9000, copies: 2, reclaimableBytes: 9000, ids: ['file-0005', 'file-0004'] },
    ]);
  });

  it('pages the groups and caps the files listed per group, keeping the totals', () => {
    const second = t.catalogue.duplicateGroups(snapshotId, { offset: 1, limit: 1, filesPerGroup: 1 });
    expect(second.groups.map((g) => [g.basis, g.files.map((f) => f.id), g.copies])).toEqual([['content hash', ['file-0005'], 2]]);
    expect(second.totalGroups).toBe(2);
    const beyond = t.catalogue.duplicateGroups(snapshotId, { offset: 5 });
    expect(beyond).toEqual({ groups: [], totalGroups: 2, totalReclaimableBytes: 19_000 });
  });

  it('finds none in a snapshot without copies', async () => {
    const clean = await snapshotOf(t.catalogue, 'ws', [file(1), file(2)]);
    expect(t.catalogue.duplicateGroups(clean.id)).toEqual({ groups: [], totalGroups: 0, totalReclaimableBytes: 0 });
    expect(t.catalogue.allButNewest(clean.id)).toEqual([]);
  });
});

describe('allButNewest', () => {
  it('returns every copy but the newest of each group, so exactly one of each survives', () => {
    const doomed = t.catalogue.allButNewest(snapshotId).sort();
    expect(doomed).toEqual(['file-0001', 'file-0003', 'file-0004']);
    const survivors = FILES.filter((f) => !doomed.includes(f.id)).map((f) => f.id);
    expect(survivors).toEqual(expect.arrayContaining(['file-0002', 'file-0005', 'file-0006', 'file-0007', 'file-0008', 'file-0009']));
  });

  it('breaks a tie in creation time by id, the same way the group lists its files', async () => {
    const tied = await snapshotOf(t.catalogue, 'tie', [file(1, { name: 'x', bytes: 1, createdAt: at(1) }), file(2, { name: 'x', bytes: 1, createdAt: at(1) })]);
    const group = t.catalogue.duplicateGroups(tied.id).groups[0]!;
    expect(t.catalogue.allButNewest(tied.id)).toEqual(group.files.slice(1).map((f) => f.id));
    expect(group.files[0]!.id).toBe('file-0002');
  });
});

describe('the live view (excludeDeleted)', () => {
  it('leaves out files deleted since, so a group of one is no group and the newest file still there is kept', () => {
    const c = t.catalogue;
    // scan.pdf: 2 (newest), 1, 3. Delete the newest: 1 becomes the one kept, only 3 is offered.
    c.recordDeleted('ws', ['file-0002', 'file-0005']);
    const page = c.duplicateGroups(snapshotId, { excludeDeleted: true });
    expect(page.groups.map((g) => [g.basis, g.copies, g.files.map((f) => f.id)])).toEqual([['same name and size', 2, ['file-0001', 'file-0003']]]);
    expect(page.totalReclaimableBytes).toBe(5000);
    expect(c.allButNewest(snapshotId, { excludeDeleted: true })).toEqual(['file-0003']);
    expect(c.allButNewestFiles(snapshotId, { excludeDeleted: true }).map((f) => f.name)).toEqual(['scan.pdf']);
    // The snapshot itself is unchanged: without the option the deleted files still count.
    expect(c.duplicateGroups(snapshotId).totalGroups).toBe(2);
    expect(c.allButNewest(snapshotId).sort()).toEqual(['file-0001', 'file-0003', 'file-0004']);
  });

  it('lists the files to delete oldest first and stops at the limit', () => {
    const files = t.catalogue.allButNewestFiles(snapshotId, { limit: 2 });
    expect(files.map((f) => f.id)).toEqual(['file-0003', 'file-0001']);
  });
});

describe('rememberHashes', () => {
  it('records many hashes in one go, so files uploaded earlier are grouped by content', async () => {
    const c = t.catalogue;
    const n = c.rememberHashes([
      { workspaceId: 'w2', fileId: 'file-0001', md5: 'ABC' },
      { workspaceId: 'w2', fileId: 'file-0002', md5: 'abc' },
    ]);
    expect(n).toBe(2);
    const snap = await snapshotOf(c, 'w2', [file(1, { name: 'a.txt' }), file(2, { name: 'b.txt' })]);
    expect(c.duplicateGroups(snap.id).groups.map((g) => [g.basis, g.md5, g.copies])).toEqual([['content hash', 'abc', 2]]);
  });
});

describe('deletedAmong', () => {
  it('says which of the given ids this app recorded as deleted in that workspace', () => {
    t.catalogue.recordDeleted('ws', ['file-0001', 'file-0009']);
    t.catalogue.recordDeleted('other', ['file-0002']);
    expect([...t.catalogue.deletedAmong('ws', ['file-0001', 'file-0002', 'file-0003'])]).toEqual(['file-0001']);
  });
});
