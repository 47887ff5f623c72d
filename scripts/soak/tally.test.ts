import { describe, expect, it } from 'vitest';
import type { UploadItem } from '../../shared/models/uploads';
import { readableReason, sumTallies, tally, type LocalFile, type ServerFile } from './tally';

/** The soak's judge must be able to say no: each way an upload can go wrong is counted as such. */
const local: LocalFile[] = [
  { kind: 'openai', path: '/f/a.bin', md5: 'aaa' },
  { kind: 'openai', path: '/f/b.bin', md5: 'bbb' },
];

function item(path: string, state: UploadItem['state'], extra: Partial<UploadItem> = {}): UploadItem {
  return {
    id: path, batchId: 'b', workspaceId: 'ws-openai', path, name: path.slice(3), bytes: 10, purpose: 'user_data', state,
    sentBytes: 0, speedBps: 0, etaSeconds: null, fileId: null, matchBasis: null, error: null, attempts: 1, resumedFrom: null, notice: null, ...extra,
  };
}

const stored = (id: string, md5: string): ServerFile => ({ kind: 'openai', id, md5 });
const SERVER_DOWN = { code: 'server_error', message: 'OpenAI had a problem on its side (HTTP 503). Try again in a few minutes.' };

describe('the soak tally', () => {
  it('counts a file stored once under the item id as done once', () => {
    const t = tally(local, [item('/f/a.bin', 'done', { fileId: 'f1' }), item('/f/b.bin', 'failed', { error: SERVER_DOWN })], [stored('f1', 'aaa')]);
    expect(t).toMatchObject({ files: 2, doneOnce: 1, failedWithReason: 1, duplicates: 0, lost: 0, ghosts: 0, strangers: 0 });
  });

  it('counts an item the provider kept (it already held the bytes) like a done one', () => {
    const t = tally(local.slice(0, 1), [item('/f/a.bin', 'kept', { fileId: 'f1' })], [stored('f1', 'aaa')]);
    expect(t).toMatchObject({ doneOnce: 1, lost: 0 });
  });

  it('counts a second copy as a duplicate, not as done once', () => {
    const t = tally(local.slice(0, 1), [item('/f/a.bin', 'done', { fileId: 'f1' })], [stored('f1', 'aaa'), stored('f2', 'aaa')]);
    expect(t).toMatchObject({ doneOnce: 0, duplicates: 1, lost: 0 });
  });

  it('counts "done" without the bytes on the server, a wrong id, an unfinished item and a missing item as lost', () => {
    const files: LocalFile[] = [...local, { kind: 'openai', path: '/f/c.bin', md5: 'ccc' }, { kind: 'openai', path: '/f/d.bin', md5: 'ddd' }];
    const items = [item('/f/a.bin', 'done', { fileId: 'f1' }), item('/f/b.bin', 'done', { fileId: 'nope' }), item('/f/c.bin', 'paused')];
    const t = tally(files, items, [stored('f2', 'bbb')]);
    expect(t.lost).toBe(4);
    expect(t.lostWhy).toEqual([
      '/f/a.bin: done as f1, but the server does not hold these bytes',
      '/f/b.bin: done as nope, but the bytes are stored as f2',
      '/f/c.bin: ended paused',
      '/f/d.bin: no upload item',
    ]);
  });

  it('counts the bytes of a failed item on the server as a ghost, and content nobody sent as a stranger', () => {
    const t = tally(local.slice(0, 1), [item('/f/a.bin', 'failed', { error: SERVER_DOWN })], [stored('f1', 'aaa'), stored('f9', 'zzz')]);
    expect(t).toMatchObject({ failedWithReason: 1, ghosts: 1, strangers: 1 });
  });

  it('refuses a failure without a plain reason', () => {
    expect(readableReason(SERVER_DOWN)).toBe(true);
    expect(readableReason(null)).toBe(false);
    expect(readableReason({ code: 'internal', message: 'Something went wrong inside Stowage. Try again; if it keeps happening, restart the app.' })).toBe(false);
    expect(readableReason({ code: 'offline', message: 'ECONNRESET' })).toBe(false);
    expect(readableReason({ code: 'offline', message: 'TypeError: fetch failed at undici/lib/fetch.js:12:3 while sending.' })).toBe(false);
    expect(readableReason({ code: 'offline', message: 'The upload failed: undefined.' })).toBe(false);
    const t = tally(local.slice(0, 1), [item('/f/a.bin', 'failed', { error: { code: 'internal', message: 'x' } })], []);
    expect(t.failedWithoutReason).toBe(1);
  });

  it('adds dialects up', () => {
    const a = tally(local.slice(0, 1), [item('/f/a.bin', 'done', { fileId: 'f1' })], [stored('f1', 'aaa')]);
    const b = tally(local.slice(1), [], []);
    expect(sumTallies([a, b])).toMatchObject({ files: 2, doneOnce: 1, lost: 1, lostWhy: ['/f/b.bin: no upload item'] });
  });
});
