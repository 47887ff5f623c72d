/**
 * The history channels through the contract, as the window calls them: saved audits oldest
 * first, what changed between two (files deleted from here since marked, and left out of the
 * selection), likely duplicates with an honest basis, and deleting old audits but never the newest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import { MAX_PAGE_LIMIT, type Catalogue } from '../../services/catalogue';
import { file, openTemp, type TempCatalogue } from '../../services/catalogue/test-fixtures';
import { HistoryService } from '../../services/history/history-service';
import { WorkspaceListings } from '../../services/listings/workspace-listings';
import { dispatch } from './dispatch';
import { createHistoryHandlers } from './history';
import type { Handlers } from './types';

let t: TempCatalogue;
let listings: WorkspaceListings;
let handlers: Handlers;

/** Saves `files` as a complete audit of `workspaceId`, a minute after the last one. */
async function audit(catalogue: Catalogue, workspaceId: string, files: readonly StoredFile[]): Promise<number> {
  t.clock.now += 60_000;
  const writer = catalogue.begin(workspaceId, { kind: 'audit' });
  for (let i = 0; i < files.length; i += 500) writer.addPage(files.slice(i, i + 500));
  const info = await writer.complete();
  await catalogue.indexed(info.id);
  return info.id;
}

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refused(channel: string, input: unknown) {
  const result = await dispatch(handlers, channel, input);
  if (result.ok) throw new Error(`${channel} was expected to fail`);
  return result.error;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => file(from + i));
const ids = (files: readonly { id: string }[]) => files.map((f) => f.id);

beforeEach(async () => {
  t = await openTemp();
  listings = new WorkspaceListings(t.catalogue, { keepAudits: 5 });
  handlers = createHistoryHandlers(new HistoryService(listings, 5)) as unknown as Handlers;
});
afterEach(() => t.cleanup());

describe('history:audits and history:diff', () => {
  it('lists the saved audits oldest first and tells what was added and gone, with totals before and after', async () => {
    const a = await audit(t.catalogue, 'ws', range(0, 10));
    await t.catalogue.begin('ws', { kind: 'audit' }).fail();
    const b = await audit(t.catalogue, 'ws', [...range(3, 10), ...range(10, 14)]);
    const listing = t.catalogue.begin('ws');
    listing.addPage(range(0, 3));
    await listing.complete();
    await audit(t.catalogue, 'elsewhere', range(0, 2));

    const { audits, kept } = await ok<{ audits: { snapshotId: number; fileCount: number; totalBytes: number; finishedAt: string }[]; kept: number }>('history:audits', { workspaceId: 'ws' });
    expect(kept).toBe(5);
    expect(audits.map((x) => [x.snapshotId, x.fileCount])).toEqual([
      [a, 10],
      [b, 11],
    ]);
    expect(Date.parse(audits[1]!.finishedAt) - Date.parse(audits[0]!.finishedAt)).toBe(60_000);

    const bytes = (from: number, to: number) => range(from, to).reduce((s, f) => s + f.bytes, 0);
    expect(await ok('history:diff', { fromSnapshotId: a, toSnapshotId: b })).toEqual({
      before: { count: 10, bytes: bytes(0, 10) },
      after: { count: 11, bytes: bytes(3, 14) },
      added: { count: 4, bytes: bytes(10, 14) },
      removed: { count: 3, bytes: bytes(0, 3) },
    });
  });

  it('refuses to compare audits of two workspaces, a routine listing, or an audit that is gone, in plain words', async () => {
    const a = await audit(t.catalogue, 'ws', range(0, 3));
    const other = await audit(t.catalogue, 'elsewhere', range(0, 3));
    expect((await refused('history:diff', { fromSnapshotId: a, toSnapshotId: other })).message).toMatch(/different workspaces/);
    const listing = t.catalogue.begin('ws');
    const info = await listing.complete();
    expect((await refused('history:diff', { fromSnapshotId: a, toSnapshotId: info.id })).code).toBe('not_found');
    expect((await refused('history:changes', { fromSnapshotId: a, toSnapshotId: 999, side: 'added' })).message).toMatch(/no longer there.*Run the audit again/);
    expect((await refused('history:changes', { fromSnapshotId: a, toSnapshotId: a, side: 'added', limit: 501 })).code).toBe('invalid_input');
  });
});

describe('history:changes and history:selectAdded', () => {
  it('pages the added and gone files newest first, marks the ones deleted from here since, and selects only those still there', async () => {
    const a = await audit(t.catalogue, 'ws', range(0, 5));
    const b = await audit(t.catalogue, 'ws', [...range(2, 5), ...range(5, 12)]);
    listings.deleted('ws', ['file-0006', 'file-0000']);

    const first = await ok<{ files: (StoredFile & { deletedSince: boolean })[]; total: number }>('history:changes', { fromSnapshotId: a, toSnapshotId: b, side: 'added', limit: 4 });
    expect(first.total).toBe(7);
    expect(first.files.map((f) => [f.id, f.deletedSince])).toEqual([
      ['file-0005', false],
      ['file-0006', true],
      ['file-0007', false],
      ['file-0008', false],
    ]);
    const rest = await ok<{ files: StoredFile[] }>('history:changes', { fromSnapshotId: a, toSnapshotId: b, side: 'added', offset: 4, limit: 4 });
    expect(ids(rest.files)).toEqual(['file-0009', 'file-0010', 'file-0011']);
    const gone = await ok<{ files: (StoredFile & { deletedSince: boolean })[]; total: number }>('history:changes', { fromSnapshotId: a, toSnapshotId: b, side: 'removed' });
    expect(gone.files.map((f) => [f.id, f.deletedSince])).toEqual([
      ['file-0000', true],
      ['file-0001', false],
    ]);

    const selected = await ok<{ files: StoredFile[]; total: number }>('history:selectAdded', { fromSnapshotId: a, toSnapshotId: b });
    expect(selected.total).toBe(6);
    expect(ids(selected.files)).toEqual(['file-0011', 'file-0010', 'file-0009', 'file-0008', 'file-0007', 'file-0005']);
  });

  it('selects across more than one block of the catalogue', async () => {
    const n = MAX_PAGE_LIMIT + 20;
    const many = Array.from({ length: n }, (_, i) => file(i, { id: `many-${i}`, createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }));
    const a = await audit(t.catalogue, 'ws', range(0, 2));
    const b = await audit(t.catalogue, 'ws', [...range(0, 2), ...many]);
    listings.deleted('ws', ['many-0']);
    const selected = await ok<{ files: StoredFile[]; total: number }>('history:selectAdded', { fromSnapshotId: a, toSnapshotId: b });
    expect(selected.total).toBe(n - 1);
    expect(new Set(ids(selected.files)).size).toBe(n - 1);
    expect(selected.files[0]!.id).toBe('many-1');
  });
});

describe('history:removeAudits', () => {
  it('deletes older audits with their rows, keeps the newest, and refuses one being read', async () => {
    const a = await audit(t.catalogue, 'ws', range(0, 3));
    const b = await audit(t.catalogue, 'ws', range(0, 4));
    const c = await audit(t.catalogue, 'ws', range(0, 5));
    expect((await refused('history:removeAudits', { workspaceId: 'ws', snapshotIds: [c] })).message).toMatch(/newest audit is kept/);
    const release = listings.hold(b);
    expect((await refused('history:removeAudits', { workspaceId: 'ws', snapshotIds: [a, b] })).message).toMatch(/being read/);
    expect(t.catalogue.snapshot(a)).not.toBeNull();
    release();
    expect(await ok('history:removeAudits', { workspaceId: 'ws', snapshotIds: [a, b] })).toEqual({ removed: [a, b] });
    expect(t.catalogue.snapshot(a)).toBeNull();
    const { audits } = await ok<{ audits: { snapshotId: number }[] }>('history:audits', { workspaceId: 'ws' });
    expect(audits.map((x) => x.snapshotId)).toEqual([c]);
    expect((await refused('history:removeAudits', { workspaceId: 'elsewhere', snapshotIds: [c] })).code).toBe('not_found');
  });
});

describe('history:duplicates and history:selectDuplicates', () => {
  it('labels content matches and name-and-size guesses apart, and selects all but the newest still there', async () => {
    const at = (h: number) => new Date(Date.UTC(2025, 5, 1, h)).toISOString();
    t.catalogue.rememberHashes([
      { workspaceId: 'ws', fileId: 'up-1', md5: 'a'.repeat(32) },
      { workspaceId: 'ws', fileId: 'up-2', md5: 'a'.repeat(32) },
    ]);
    const snap = await audit(t.catalogue, 'ws', [
      file(1, { id: 'up-1', name: 'notes.txt', bytes: 40, createdAt: at(1) }),
      file(2, { id: 'up-2', name: 'notes copy.txt', bytes: 40, createdAt: at(2) }),
      file(3, { id: 'ns-1', name: 'scan.pdf', bytes: 900, createdAt: at(1) }),
      file(4, { id: 'ns-2', name: 'scan.pdf', bytes: 900, createdAt: at(3) }),
      file(5, { id: 'ns-3', name: 'scan.pdf', bytes: 900, createdAt: at(2) }),
      file(6, { id: 'lone', name: 'other.pdf', bytes: 900, createdAt: at(2) }),
    ]);
    type Groups = { groups: { basis: string; copies: number; reclaimableBytes: number; files: StoredFile[] }[]; totalGroups: number; totalReclaimableBytes: number };
    const page = await ok<Groups>('history:duplicates', { snapshotId: snap });
    expect(page.totalGroups).toBe(2);
    expect(page.totalReclaimableBytes).toBe(1840);
    expect(page.groups.map((g) => [g.basis, g.copies, g.reclaimableBytes, ids(g.files)])).toEqual([
      ['name_size', 3, 1800, ['ns-2', 'ns-3', 'ns-1']],
      ['content', 2, 40, ['up-2', 'up-1']],
    ]);
    const second = await ok<Groups>('history:duplicates', { snapshotId: snap, offset: 1, limit: 1, filesPerGroup: 1 });
    expect(second.groups.map((g) => [g.basis, ids(g.files)])).toEqual([['content', ['up-2']]]);

    const selected = await ok<{ files: StoredFile[]; total: number }>('history:selectDuplicates', { snapshotId: snap });
    expect(selected.total).toBe(3);
    expect(ids(selected.files).sort()).toEqual(['ns-1', 'ns-3', 'up-1']);

    // After those are deleted from here, nothing is left to offer.
    listings.deleted('ws', ids(selected.files));
    expect(await ok('history:duplicates', { snapshotId: snap })).toEqual({ groups: [], totalGroups: 0, totalReclaimableBytes: 0 });
    expect(await ok('history:selectDuplicates', { snapshotId: snap })).toEqual({ files: [], total: 0 });
  });
});
