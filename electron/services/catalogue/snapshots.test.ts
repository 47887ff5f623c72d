/**
 * Snapshot lifecycle on real SQLite files, once per binding the runtime has: partial listings
 * never become current, repeated ids are kept once, retention, reopening, closing mid-listing,
 * and recovery from a listing that was running when the app died.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/sqlite';
import { Catalogue } from './catalogue';
import { availableBindings, DAY, file, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';
import { CatalogueError } from './types';

const tableCount = async (path: string) => {
  const db = await openDatabase(path);
  try {
    return Number(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name LIKE 'snapshot_%_files'`).get()?.n);
  } finally {
    db.close();
  }
};

describe.each(await availableBindings())('snapshots (%s)', (binding) => {
  let t: TempCatalogue;
  beforeEach(async () => {
    t = await openTemp({ binding });
  });
  afterEach(() => t.cleanup());

  it('opens with the binding asked for, in WAL mode, at the current schema version', async () => {
    expect(t.catalogue.binding).toBe(binding);
    const db = await openDatabase(t.path);
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(Number(db.prepare('PRAGMA user_version').get()?.user_version)).toBeGreaterThan(0);
    db.close();
  });

  it('makes a snapshot current only once it completes; failed and cancelled ones never are', async () => {
    const c = t.catalogue;
    const first = c.begin('ws');
    first.addPage([file(1), file(2)]);
    expect(c.current('ws')).toBeNull();
    expect(c.snapshot(first.snapshotId)).toMatchObject({ state: 'running', fileCount: 2, finishedAt: null });
    expect(() => c.page(first.snapshotId)).toThrow(CatalogueError);
    t.clock.now += 1000;
    const done = await first.complete();
    expect(done).toMatchObject({ state: 'complete', fileCount: 2, totalBytes: 2003, finishedAt: t.clock.now });
    expect(c.current('ws')?.id).toBe(first.snapshotId);

    const failed = c.begin('ws');
    failed.addPage([file(3)]);
    failed.fail();
    const cancelled = c.begin('ws');
    cancelled.addPage([file(4)]);
    cancelled.cancel();
    expect(c.current('ws')?.id).toBe(first.snapshotId);
    expect(c.list('ws').map((s) => s.state)).toEqual(['cancelled', 'failed', 'complete']);
    expect(() => failed.addPage([file(5)])).toThrow(/failed, not running/);
    await expect(cancelled.complete()).rejects.toThrow(CatalogueError);
    expect(await tableCount(t.path)).toBe(1);
  });

  it('keeps an id seen twice in one listing once, counting its bytes once', async () => {
    const c = t.catalogue;
    const writer = c.begin('ws');
    writer.addPage([file(1), file(2), file(3)]);
    writer.addPage([file(3), file(4), file(1)]);
    expect(writer.filesReceived).toBe(6);
    const info = await writer.complete();
    expect(info.fileCount).toBe(4);
    expect(info.totalBytes).toBe(1001 + 1002 + 1003 + 1004);
    expect(c.page(info.id, { limit: 10 }).files.map((f) => f.id)).toEqual(['file-0001', 'file-0002', 'file-0003', 'file-0004']);
    await c.indexed(info.id);
    const db = await openDatabase(t.path);
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`).all(`snapshot_${info.id}_files`);
    db.close();
    expect(indexes.map((i) => String(i.name).replace(/^snapshot_\d+_files_/, '')).sort()).toEqual(['by_expiry', 'by_id', 'by_name', 'by_purpose_name', 'by_purpose_time', 'by_size', 'by_time']);
    expect(indexes.find((i) => String(i.name).endsWith('_by_id'))?.sql).toMatch(/^CREATE UNIQUE INDEX/);
  });

  it('writes a page of more than one INSERT batch (64 rows) and its remainder', async () => {
    const files = Array.from({ length: 150 }, (_, i) => file(i));
    const info = await snapshotOf(t.catalogue, 'ws', files, 150);
    expect(info.fileCount).toBe(150);
    expect(info.totalBytes).toBe(files.reduce((sum, f) => sum + f.bytes, 0));
  });

  it('takes the newest complete snapshot as current, per workspace', async () => {
    const c = t.catalogue;
    const a1 = await snapshotOf(c, 'a', [file(1)]);
    const b1 = await snapshotOf(c, 'b', [file(2), file(3)]);
    const a2 = await snapshotOf(c, 'a', [file(1), file(4)]);
    expect(c.current('a')?.id).toBe(a2.id);
    expect(c.current('b')?.id).toBe(b1.id);
    expect(c.list().map((s) => s.id)).toEqual([a2.id, b1.id, a1.id]);
    expect(c.list('a').map((s) => s.id)).toEqual([a2.id, a1.id]);
  });

  it('removes a snapshot with its rows, and never reuses its id', async () => {
    const c = t.catalogue;
    const a = await snapshotOf(c, 'ws', [file(1)]);
    const b = await snapshotOf(c, 'ws', [file(2)]);
    expect(c.remove(b.id)).toBe(true);
    expect(c.remove(b.id)).toBe(false);
    expect(c.current('ws')?.id).toBe(a.id);
    expect(() => c.page(b.id)).toThrow(/no snapshot/);
    const next = await snapshotOf(c, 'ws', [file(3)]);
    expect(next.id).toBeGreaterThan(b.id);
    expect(await tableCount(t.path)).toBe(2);
  });

  it('retains the newest N complete snapshots and drops older failures, never the current one', async () => {
    const c = t.catalogue;
    const done: number[] = [];
    const failed: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      done.push((await snapshotOf(c, 'ws', [file(i)])).id);
      const writer = c.begin('ws');
      writer.fail();
      failed.push(writer.snapshotId);
    }
    const other = await snapshotOf(c, 'other', [file(9)]);
    const byId = (x: number, y: number) => x - y;
    expect(c.retain('ws', 2).sort(byId)).toEqual([...done.slice(0, 2), ...failed.slice(0, 3)].sort(byId));
    expect(c.list('ws').map((s) => [s.id, s.state])).toEqual([
      [failed[3], 'failed'],
      [done[3], 'complete'],
      [done[2], 'complete'],
    ]);
    expect(c.retain('ws', 0)).toEqual([done[2]]);
    expect(c.current('ws')?.id).toBe(done[3]);
    expect(c.current('other')?.id).toBe(other.id);
  });

  it('keeps every snapshot and hash across close and reopen', async () => {
    const info = await snapshotOf(t.catalogue, 'ws', [file(1), file(2)]);
    t.catalogue.rememberHash('ws', 'file-0001', 'ABC');
    const c = await t.reopen();
    expect(c.current('ws')).toEqual(info);
    expect(c.page(info.id).files.map((f) => f.id)).toEqual(['file-0001', 'file-0002']);
    expect(c.page(info.id).files[1]?.createdAt).toBe(new Date(t.clock.now - 2 * DAY).toISOString());
  });

  it('cancels an open writer when closed, dropping its rows; later calls fail as closed', async () => {
    const writer = t.catalogue.begin('ws');
    writer.addPage([file(1)]);
    t.catalogue.close();
    expect(writer.state).toBe('cancelled');
    expect(() => writer.addPage([file(2)])).toThrow(CatalogueError);
    expect(() => t.catalogue.current('ws')).toThrow(/closed/);
    const c = await t.reopen();
    expect(c.snapshot(writer.snapshotId)?.state).toBe('cancelled');
    expect(await tableCount(t.path)).toBe(0);
  });

  it('cancels a writer that is closed while it builds its indexes', async () => {
    const writer = t.catalogue.begin('ws');
    writer.addPage([file(1)]);
    const completing = writer.complete();
    t.catalogue.close();
    await expect(completing).rejects.toThrow(CatalogueError);
    const c = await t.reopen();
    expect(c.snapshot(writer.snapshotId)?.state).toBe('cancelled');
    expect(c.current('ws')).toBeNull();
  });

  it('marks a listing that was running when the app died as failed, and drops its rows', async () => {
    const done = await snapshotOf(t.catalogue, 'ws', [file(1)]);
    const orphan = t.catalogue.begin('ws');
    orphan.addPage([file(2)]);
    // A second open sees what a restart would: a 'running' snapshot that no process is writing.
    const restarted = await Catalogue.open(t.path, { binding });
    expect(restarted.snapshot(orphan.snapshotId)?.state).toBe('failed');
    expect(restarted.current('ws')?.id).toBe(done.id);
    restarted.close();
    expect(await tableCount(t.path)).toBe(1);
  });

  it('refuses a database written by a newer schema', async () => {
    t.catalogue.close();
    const db = await openDatabase(t.path);
    db.exec('PRAGMA user_version = 999');
    db.close();
    await expect(t.reopen()).rejects.toThrow(/newer Stowage/);
  });
});
