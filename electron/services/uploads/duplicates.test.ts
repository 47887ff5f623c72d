/**
 * The duplicate check says only what is true: an exact match is a fact (same bytes and purpose),
 * a same-name, same-size file is a guess the user decides on, and "upload anyway" either makes a
 * second copy or says the provider kept the one it had. Real queue, real sandbox, no mocks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import type { RunningSandbox } from '../../sandbox';
import { listAll } from '../inventory/list-all';
import { HttpClient } from '../net/client';
import { adapterFor, bufferSource, patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';
import { JsonContentRecords } from './content-records';
import { keptExisting } from './duplicates';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, sandbox.urls);
});

afterAll(async () => {
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let n = 0;
const file = (bytes: number, name?: string, seed?: number) => {
  n += 1;
  const fileName = name ?? `d-${n}.bin`;
  return scratch.file(`${n}/${fileName}`.replace('/', '-'), patternBytes(bytes, seed ?? 500 + n));
};
const settled = (id: string) => until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(h, id).state));

async function uploadDone(kind: 'vlmrun' | 'openai' | 'llamacloud', path: string, purpose: string) {
  const [item] = await enqueue(h, kind, [path], purpose, 'upload');
  await settled(item!.id);
  expect(itemOf(h, item!.id).state).toBe('done');
  return itemOf(h, item!.id);
}

describe('VLM Run (content lookup)', () => {
  it('a copy stored for another purpose is not "already stored": "skip" uploads it for the new purpose', async () => {
    const path = file(2500);
    const first = await uploadDone('vlmrun', path, 'assistants');
    const [again] = await enqueue(h, 'vlmrun', [path], 'vision', 'skip');
    await settled(again!.id);
    expect(itemOf(h, again!.id)).toMatchObject({ state: 'done', matchBasis: null });
    expect(itemOf(h, again!.id).fileId).not.toBe(first.fileId);
    const stored = await listAll(adapterFor('vlmrun', sandbox.urls.vlmrun, http));
    expect(stored.find((f) => f.id === itemOf(h, again!.id).fileId)?.purpose).toBe('vision');
  });

  it('same bytes and purpose is exact: "ask" waits with basis "content"', async () => {
    const path = file(2600);
    const first = await uploadDone('vlmrun', path, 'assistants');
    const [asked] = await enqueue(h, 'vlmrun', [path], 'assistants', 'ask');
    await until(() => itemOf(h, asked!.id).state === 'duplicate');
    expect(itemOf(h, asked!.id)).toMatchObject({ fileId: first.fileId, matchBasis: 'content' });
  });

  it('"upload anyway" that VLM Run answers with the copy it held ends as "kept", never "done"', async () => {
    const path = file(2700);
    const first = await uploadDone('vlmrun', path, 'assistants');
    const [asked] = await enqueue(h, 'vlmrun', [path], 'assistants', 'ask');
    await until(() => itemOf(h, asked!.id).state === 'duplicate');
    expect(h.queue.decide([asked!.id], 'upload')).toBe(1);
    await settled(asked!.id);
    expect(itemOf(h, asked!.id)).toMatchObject({ state: 'kept', fileId: first.fileId });
    expect(h.queue.list().summary.kept).toBeGreaterThanOrEqual(1);
    await until(() => h.activity.list(50).some((e) => e.fileId === first.fileId && e.outcome === 'skipped'));
    expect(h.activity.list(50).find((e) => e.fileId === first.fileId && e.outcome === 'skipped')?.detail).toBe(
      `VLM Run kept the existing copy as ${first.fileId} instead of storing a second one`,
    );
  });

  it('the "upload it anyway" policy says so too, and a new purpose still makes a real second copy', async () => {
    const path = file(2800);
    const first = await uploadDone('vlmrun', path, 'batch');
    const [same] = await enqueue(h, 'vlmrun', [path], 'batch', 'upload');
    await settled(same!.id);
    expect(itemOf(h, same!.id)).toMatchObject({ state: 'kept', fileId: first.fileId });
    const [other] = await enqueue(h, 'vlmrun', [path], 'datasets', 'upload');
    await settled(other!.id);
    expect(itemOf(h, other!.id).state).toBe('done');
    expect(itemOf(h, other!.id).fileId).not.toBe(first.fileId);
  });
});

describe.each(['openai', 'llamacloud'] as const)('%s (no content lookup)', (kind) => {
  const purpose = kind === 'openai' ? 'user_data' : 'parse';

  it('a same-name, same-size file Stowage did not upload is a guess: even "skip" waits for the user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowage-dup-'));
    try {
      const original = join(dir, 'report.csv');
      writeFileSync(original, patternBytes(900, 1));
      const elsewhere = adapterFor(kind, sandbox.urls[kind], http);
      const stored = await elsewhere.upload({ file: bufferSource(readFileSync(original)), name: `guess-${kind}.csv`, purpose, contentType: 'text/csv', signal: new AbortController().signal, onProgress: () => undefined });
      const edited = join(dir, `guess-${kind}.csv`);
      writeFileSync(edited, patternBytes(900, 2));
      const [item] = await enqueue(h, kind, [edited], purpose, 'skip');
      await until(() => itemOf(h, item!.id).state === 'duplicate');
      expect(itemOf(h, item!.id)).toMatchObject({ fileId: stored.id, matchBasis: 'name_size' });
      expect(h.queue.decide([item!.id], 'upload')).toBe(1);
      await settled(item!.id);
      expect(itemOf(h, item!.id).state).toBe('done');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file uploaded from this computer is compared by its recorded MD5: same bytes skipped, an edit sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowage-dup-'));
    try {
      const path = join(dir, `known-${kind}.bin`);
      writeFileSync(path, patternBytes(1200, 7));
      const first = await uploadDone(kind, path, purpose);
      const [again] = await enqueue(h, kind, [path], purpose, 'skip');
      await settled(again!.id);
      expect(itemOf(h, again!.id)).toMatchObject({ state: 'skipped', fileId: first.fileId, matchBasis: 'content' });

      writeFileSync(path, patternBytes(1200, 8));
      const [edited] = await enqueue(h, kind, [path], purpose, 'skip');
      await settled(edited!.id);
      expect(itemOf(h, edited!.id)).toMatchObject({ state: 'done', matchBasis: null });
      expect(itemOf(h, edited!.id).fileId).not.toBe(first.fileId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file stored for another purpose is not a match', async () => {
    const path = file(1300, `purpose-${kind}.bin`);
    await uploadDone(kind, path, purpose);
    const [other] = await enqueue(h, kind, [path], kind === 'openai' ? 'assistants' : 'extract', 'ask');
    await settled(other!.id);
    expect(itemOf(h, other!.id)).toMatchObject({ state: 'done', matchBasis: null });
  });
});

describe('content records', () => {
  it('survive a restart of the app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowage-records-'));
    try {
      const records = new JsonContentRecords(dir);
      await records.load();
      await records.record('ws-1', 'file-a', 'D41D8CD98F00B204E9800998ECF8427E');
      expect(records.md5Of('ws-1', 'file-a')).toBe('d41d8cd98f00b204e9800998ecf8427e');
      expect(records.md5Of('ws-2', 'file-a')).toBeNull();
      const reopened = new JsonContentRecords(dir);
      await reopened.load();
      expect(reopened.md5Of('ws-1', 'file-a')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keptExisting', () => {
  const at = (id: string, createdAt: string): StoredFile => ({ id, name: 'a', bytes: 1, purpose: 'assistants', createdAt, expiresAt: null });
  it('is true for the same id or an older file, false for a newer one or without a twin', () => {
    const twin = at('f1', '2025-03-01T10:00:00.000Z');
    expect(keptExisting(twin, at('f1', '2025-03-01T10:00:00.000Z'))).toBe(true);
    expect(keptExisting(twin, at('f0', '2025-02-01T10:00:00.000Z'))).toBe(true);
    expect(keptExisting(twin, at('f2', '2025-03-01T10:00:00.000Z'))).toBe(false);
    expect(keptExisting(twin, at('f3', '2025-03-02T10:00:00.000Z'))).toBe(false);
    expect(keptExisting(null, at('f1', '2025-03-01T10:00:00.000Z'))).toBe(false);
  });
});
