import { describe, expect, it } from 'vitest';
import { canMove, IllegalMove, ItemMachine, restored } from './item-machine';
import type { QueueItem } from './queue-item';

function item(state: QueueItem['state'], extra: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 'i', batchId: 'b', workspaceId: 'w', path: '/tmp/i', name: 'i', bytes: 1000, purpose: 'assistants', state,
    sentBytes: 0, speedBps: 0, etaSeconds: null, fileId: null, matchBasis: null, error: null, attempts: 0, mtimeMs: 0, contentType: 'text/plain',
    policy: 'upload', forceUpload: false, md5: null, maybeSent: false, attemptStartedAt: null, expiresAfterSeconds: null, resumedFrom: null, notice: null, parts: null, ...extra,
  };
}

describe('ItemMachine', () => {
  it('reports every change once, and sets what follows from the state', () => {
    const changes: string[] = [];
    const machine = new ItemMachine((i) => changes.push(i.state));
    const it1 = item('queued');
    machine.move(it1, 'uploading', { attempts: 1 });
    machine.progress(it1, 400, 200);
    expect(it1).toMatchObject({ sentBytes: 400, speedBps: 200, etaSeconds: 3 });
    machine.move(it1, 'done', { fileId: 'file-1' });
    expect(it1).toMatchObject({ state: 'done', sentBytes: 1000, speedBps: 0, etaSeconds: null, fileId: 'file-1', attempts: 1 });
    expect(changes).toEqual(['uploading', 'uploading', 'done']);
  });

  it('refuses a late "done" after the user cancelled, and any move out of done', () => {
    const machine = new ItemMachine(() => undefined);
    const cancelled = item('cancelled');
    expect(() => machine.move(cancelled, 'done')).toThrow(IllegalMove);
    expect(cancelled.state).toBe('cancelled');
    expect(() => machine.move(item('done'), 'queued')).toThrow(IllegalMove);
    expect(canMove('failed', 'queued')).toBe(true);
    expect(canMove('failed', 'done')).toBe(false);
  });

  it('tells the queue before every send, and only then, so the attempt is noted before a byte goes out', () => {
    const sends: string[] = [];
    const machine = new ItemMachine(() => undefined, (i) => sends.push(`${i.state}@${i.attemptStartedAt}`));
    const it1 = item('queued');
    machine.move(it1, 'hashing');
    machine.move(it1, 'uploading', { attempts: 1, attemptStartedAt: 5 });
    machine.progress(it1, 10, 10);
    machine.move(it1, 'verifying');
    machine.move(it1, 'queued');
    machine.move(it1, 'uploading', { attempts: 2, attemptStartedAt: 9 });
    expect(sends).toEqual(['uploading@5', 'uploading@9']);
  });

  it('ignores byte counts once the item is no longer sending', () => {
    const machine = new ItemMachine(() => undefined);
    const queued = item('queued');
    machine.progress(queued, 500, 100);
    expect(queued.sentBytes).toBe(0);
  });

  it('asks for the copy on disk at once when a multipart session changes, and drops the session once stored', () => {
    const durable: boolean[] = [];
    const machine = new ItemMachine((_i, now) => durable.push(now));
    const big = item('uploading');
    const parts = { uploadId: 'upload_1', partBytes: 400, expiresAt: 0, fileBytes: 1000, fileMtimeMs: 0, partIds: ['part_1', null, null] };
    machine.progress(big, 100, 10);
    machine.note(big, { parts });
    machine.note(big, { md5: 'x' });
    machine.move(big, 'verifying');
    machine.move(big, 'uploading');
    machine.move(big, 'done', { fileId: 'file-1' });
    expect(durable).toEqual([false, true, false, false, false, true]);
    expect(big.parts).toBeNull();
  });

  it('keeps a failed multipart upload’s session, so Retry sends only the missing parts', () => {
    const machine = new ItemMachine(() => undefined);
    const parts = { uploadId: 'upload_1', partBytes: 400, expiresAt: 0, fileBytes: 1000, fileMtimeMs: 0, partIds: ['part_1', null, null] };
    const failed = item('uploading', { parts });
    machine.move(failed, 'failed', { error: { code: 'offline', message: 'x' } });
    expect(failed.parts).toBe(parts);
    machine.move(failed, 'queued');
    machine.move(failed, 'cancelled');
    expect(failed.parts).toBeNull();
  });

  it('brings unfinished items back paused after a restart, marking a mid-send one to be checked first', () => {
    expect(restored(item('uploading', { sentBytes: 300 }))).toMatchObject({ state: 'paused', sentBytes: 0, maybeSent: true });
    expect(restored(item('queued'))).toMatchObject({ state: 'paused', maybeSent: false });
    expect(restored(item('failed')).state).toBe('failed');
    const parts = { uploadId: 'upload_1', partBytes: 400, expiresAt: 0, fileBytes: 1000, fileMtimeMs: 0, partIds: ['part_1', null, 'part_3'] };
    expect(restored(item('uploading', { parts, sentBytes: 900 }))).toMatchObject({ state: 'paused', sentBytes: 600, parts, maybeSent: true });
  });

  it('lets a file hashed while it is sent stop at "skipped" or "duplicate" mid-send, with nothing counted as sent', () => {
    const machine = new ItemMachine(() => undefined);
    for (const to of ['skipped', 'duplicate'] as const) {
      const sending = item('queued');
      machine.move(sending, 'uploading', { attempts: 1 });
      machine.progress(sending, 600, 100);
      machine.move(sending, to, { fileId: 'file-before', matchBasis: 'content' });
      expect(sending).toMatchObject({ state: to, sentBytes: 0, speedBps: 0, maybeSent: false, fileId: 'file-before' });
    }
    expect(canMove('verifying', 'skipped')).toBe(false);
    expect(canMove('verifying', 'duplicate')).toBe(false);
  });
});
