/**
 * Big files through OpenAI's multipart Uploads, end to end: the real queue against the real
 * sandbox on loopback, with a recording proxy in between to count what went over the wire. Parts
 * are 128 KiB here (and the sandbox's part limit too), so every case runs on about a megabyte.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { streamListing } from '../listings/stream-listing';
import type { StoredFile } from '../../../shared/models/files';
import { adapterFor, patternBytes, Scratch, startProxy, startTestSandbox, TEST_KEY, type RunningProxy } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';
import type { PartOptions } from './part-session';

const PART = 128 * 1024;
const PARTS: PartOptions = { partBytes: PART, thresholdBytes: 4 * PART, parallelism: 3, startParallelism: 2 };
const FILE_BYTES = 8 * PART + 1000;
const PART_COUNT = 9;

let sandbox: RunningSandbox;
let proxy: RunningProxy;
const http = new HttpClient();
const scratch = new Scratch();
const dirs: string[] = [];
let n = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: { openaiUploadPart: PART } });
  proxy = await startProxy(sandbox.urls.openai);
});
afterEach(() => {
  sandbox.setFaults({});
  sandbox.setClockOffset(0);
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function bigFile(bytes = FILE_BYTES) {
  n += 1;
  const name = `big-${n}.bin`;
  const content = patternBytes(bytes, 500 + n);
  return { name, content, path: scratch.file(name, content), md5: createHash('md5').update(content).digest('hex') };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-parts-'));
  dirs.push(dir);
  return dir;
}

const since = (mark: number) => proxy.exchanges.slice(mark);
const isPart = (path: string) => /\/uploads\/[^/]+\/parts$/.test(path);
const partsIn = (mark: number) => since(mark).filter((e) => isPart(e.path));
const storedParts = (mark: number) => partsIn(mark).filter((e) => e.status === 200).length;
const creates = (mark: number) => since(mark).filter((e) => e.method === 'POST' && e.path.endsWith('/uploads'));
const uploadIdOf = (path: string) => /\/uploads\/([^/]+)\//.exec(path)?.[1] ?? '';

/**
 * The situation the restart tests start from: a big upload on a slow link, and the app quit once
 * the provider holds `parts` of its parts. The data folder is reopened by the test.
 */
async function quitMidUpload(parts: number) {
  const dir = dataDir();
  const first = await openQueue(http, { openai: proxy.url }, { dataDir: dir, partOptions: PARTS });
  sandbox.setFaults({ bandwidthBytesPerSecond: 256 * 1024, targets: ['openai'] });
  const file = bigFile();
  const mark = proxy.exchanges.length;
  const [item] = await enqueue(first, 'openai', [file.path], 'user_data');
  await until(() => storedParts(mark) >= parts);
  await first.close();
  sandbox.setFaults({});
  return { dir, file, mark, item };
}

async function stored(name: string) {
  const all: StoredFile[] = [];
  await streamListing(adapterFor('openai', sandbox.urls.openai, http), { onPage: (files) => all.push(...files) });
  return all.filter((f) => f.name === name);
}

async function content(id: string): Promise<Buffer> {
  const res = await adapterFor('openai', sandbox.urls.openai, http).openContent(id, {});
  return Buffer.from(await res.body.arrayBuffer());
}

async function settle(h: QueueHarness, id: string) {
  await until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(h, id).state));
  return itemOf(h, id);
}

function savedItem(dir: string, id: string) {
  const saved = JSON.parse(readFileSync(join(dir, 'upload-queue.json'), 'utf8')) as { items: { id: string; state: string; parts: { uploadId: string; partIds: (string | null)[] } | null }[] };
  return saved.items.find((i) => i.id === id);
}

describe('big files in parts', () => {
  it('sends a file over the threshold in parallel parts with its MD5, and stores it once, byte for byte', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      const done = await settle(h, item!.id);
      expect(done.state).toBe('done');
      expect(creates(mark)).toHaveLength(1);
      const parts = partsIn(mark);
      expect(parts).toHaveLength(PART_COUNT);
      const overlapping = parts.some((a) => parts.some((b) => a !== b && a.startedAt < (b.endedAt ?? Infinity) && b.startedAt < (a.endedAt ?? Infinity)));
      expect(overlapping).toBe(true);
      const complete = since(mark).find((e) => e.path.endsWith('/complete'));
      const body = JSON.parse(complete!.head.toString('utf8')) as { part_ids: string[]; md5: string };
      expect(body.md5).toBe(file.md5);
      expect(body.part_ids).toHaveLength(PART_COUNT);
      const files = await stored(file.name);
      expect(files).toHaveLength(1);
      expect((await content(files[0]!.id)).equals(file.content)).toBe(true);
      const sent = h.history(item!.id).filter((i) => i.state === 'uploading').map((i) => i.sentBytes);
      expect(Math.max(...sent)).toBeGreaterThan(PART);
    } finally {
      await h.close();
    }
  });

  it('asks the Upload for the batch’s expiry, so the file it makes is deleted on time', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const plan = await h.queue.preflight('ws-openai', [file.path]);
      const { batchId } = await h.queue.start(plan.preflightId, 'user_data', 'upload', 7200);
      const [item] = h.queue.list().items.filter((i) => i.batchId === batchId);
      expect((await settle(h, item!.id)).state).toBe('done');
      const create = creates(mark)[0];
      expect(JSON.parse(create!.head.toString('utf8'))).toMatchObject({ expires_after: { anchor: 'created_at', seconds: 7200 } });
      const [stored1] = await stored(file.name);
      expect(stored1?.expiresAt).not.toBeNull();
    } finally {
      await h.close();
    }
  });

  it('starts with two parts in flight and adds connections up to the maximum where each one is capped', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, targets: ['openai'] });
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      expect((await settle(h, item!.id)).state).toBe('done');
      const parts = partsIn(mark);
      const inFlightAt = (t: number) => parts.filter((e) => e.startedAt <= t && (e.endedAt ?? Infinity) > t).length;
      const firstEnd = Math.min(...parts.map((e) => e.endedAt ?? Infinity));
      expect(parts.filter((e) => e.startedAt < firstEnd)).toHaveLength(2);
      expect(Math.max(...parts.map((e) => inFlightAt(e.startedAt)))).toBe(PARTS.parallelism);
    } finally {
      await h.close();
    }
  });

  it('sends a file at or under the threshold in one request', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      const file = bigFile(4 * PART);
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      expect((await settle(h, item!.id)).state).toBe('done');
      expect(creates(mark)).toHaveLength(0);
      expect(since(mark).filter((e) => e.path.endsWith('/files') && e.method === 'POST')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('resends only the part whose connection was reset, and logs that part’s retry', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, targets: ['openai'] });
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      await until(() => storedParts(mark) >= 1);
      sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, resetAfterBytes: { bytes: PART / 2, count: 1 }, targets: ['openai'] });
      const done = await settle(h, item!.id);
      expect(done).toMatchObject({ state: 'done', attempts: 1 });
      const parts = partsIn(mark);
      expect(parts).toHaveLength(PART_COUNT + 1);
      expect(parts.filter((e) => e.status !== 200)).toHaveLength(1);
      const partBytes = parts.reduce((sum, e) => sum + e.bytes, 0);
      expect(partBytes).toBeGreaterThan(FILE_BYTES + PART / 4);
      expect(partBytes).toBeLessThan(FILE_BYTES + PART + PART_COUNT * 1024);
      expect(creates(mark)).toHaveLength(1);
      const files = await stored(file.name);
      expect(files).toHaveLength(1);
      expect((await content(files[0]!.id)).equals(file.content)).toBe(true);
      const retries = h.activity.list(20).filter((e) => e.outcome === 'retried' && e.name === file.name);
      expect(retries).toHaveLength(1);
      expect(retries[0]?.detail).toMatch(/^Part [1-9] of 9 did not arrive \(the connection broke while it was being sent\)\. Stowage is sending that part again \(attempt 2 of 4\)/);
    } finally {
      await h.close();
    }
  });

  it('comes back paused after a quit with its upload id and parts, and resuming sends only the rest', async () => {
    const { dir, file, mark, item } = await quitMidUpload(4);

    const saved = savedItem(dir, item!.id);
    const kept = saved?.parts?.partIds.filter((id) => id !== null).length ?? 0;
    expect(saved?.parts?.uploadId).toBe(uploadIdOf(partsIn(mark)[0]!.path));
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(PART_COUNT);

    const second = await openQueue(http, { openai: proxy.url }, { dataDir: dir, partOptions: PARTS });
    try {
      const paused = itemOf(second, item!.id);
      expect(paused.state).toBe('paused');
      expect(paused.sentBytes).toBe(kept * PART);
      const resumeMark = proxy.exchanges.length;
      expect(second.queue.resume([item!.id])).toBe(1);
      const done = await settle(second, item!.id);
      expect(done).toMatchObject({ state: 'done', resumedFrom: kept * PART });
      expect(creates(resumeMark)).toHaveLength(0);
      expect(partsIn(resumeMark)).toHaveLength(PART_COUNT - kept);
      const files = await stored(file.name);
      expect(files).toHaveLength(1);
      expect((await content(files[0]!.id)).equals(file.content)).toBe(true);
      expect(second.activity.list(10).some((e) => e.outcome === 'retried' && e.detail?.startsWith(`Resumed: ${kept} of 9 parts`))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('starts again from the beginning, saying so, when the session expired while the app was closed', async () => {
    const { dir, file, item } = await quitMidUpload(2);
    sandbox.setClockOffset(61 * 60_000);

    const second = await openQueue(http, { openai: proxy.url }, { dataDir: dir, partOptions: PARTS });
    try {
      const resumeMark = proxy.exchanges.length;
      second.queue.resume([item!.id]);
      const done = await settle(second, item!.id);
      expect(done.state).toBe('done');
      expect(done.notice).toBe('The upload session expired after an hour, so Stowage is starting this file again from the beginning.');
      expect(done.resumedFrom).toBeNull();
      expect(creates(resumeMark)).toHaveLength(1);
      expect(partsIn(resumeMark).filter((e) => e.status === 200)).toHaveLength(PART_COUNT);
      const files = await stored(file.name);
      expect(files).toHaveLength(1);
      expect((await content(files[0]!.id)).equals(file.content)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('cancels the Upload on the server when the user cancels, and stores nothing', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      sandbox.setFaults({ bandwidthBytesPerSecond: 256 * 1024, targets: ['openai'] });
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      await until(() => storedParts(mark) >= 1);
      expect(h.queue.cancel([item!.id])).toBe(1);
      const uploadId = uploadIdOf(partsIn(mark)[0]!.path);
      await until(() => since(mark).some((e) => e.path.endsWith(`/uploads/${uploadId}/cancel`) && e.status === 200));
      await until(() => h.queue.idle);
      sandbox.setFaults({});
      expect(itemOf(h, item!.id).state).toBe('cancelled');
      const more = await fetch(`${sandbox.urls.openai}/uploads/${uploadId}/complete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ part_ids: [] }),
      });
      expect(more.status).toBe(400);
      expect(await more.text()).toMatch(/was cancelled/);
      expect(await stored(file.name)).toHaveLength(0);
      await until(() => readdirSync(join(sandbox.dataDir, 'upload-parts')).filter((f) => !f.endsWith('.part')).length === 0);
    } finally {
      await h.close();
    }
  });

  it('cancels the Upload on the server when a paused upload, back after a quit, is cancelled', async () => {
    const { dir, file, mark, item } = await quitMidUpload(2);
    const uploadId = savedItem(dir, item!.id)?.parts?.uploadId ?? '';
    expect(uploadId).toMatch(/^upload_/);

    const second = await openQueue(http, { openai: proxy.url }, { dataDir: dir, partOptions: PARTS });
    try {
      expect(itemOf(second, item!.id).state).toBe('paused');
      expect(second.queue.cancel([item!.id])).toBe(1);
      await until(() => since(mark).some((e) => e.path.endsWith(`/uploads/${uploadId}/cancel`) && e.status === 200));
      expect(itemOf(second, item!.id).state).toBe('cancelled');
      await until(() => savedItem(dir, item!.id)?.parts === null);
      expect(await stored(file.name)).toHaveLength(0);
    } finally {
      await second.close();
    }
  });

  it('fails with file_changed when the file changes between parts, cancels the Upload and leaves no file', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      sandbox.setFaults({ bandwidthBytesPerSecond: 256 * 1024, targets: ['openai'] });
      const file = bigFile();
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [file.path], 'user_data');
      await until(() => storedParts(mark) >= 1);
      appendFileSync(file.path, 'a late edit');
      const failed = await settle(h, item!.id);
      sandbox.setFaults({});
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('file_changed');
      expect(failed.error?.message).toMatch(/cancelled the upload and nothing was stored/);
      const uploadId = uploadIdOf(partsIn(mark)[0]!.path);
      await until(() => since(mark).some((e) => e.path.endsWith(`/uploads/${uploadId}/cancel`) && e.status === 200));
      expect(since(mark).some((e) => e.path.endsWith('/complete'))).toBe(false);
      expect(await stored(file.name)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
  it('cancels the Upload and fails with file_changed when the file changed while the app was closed', async () => {
    const { dir, file, item } = await quitMidUpload(2);
    const uploadId = savedItem(dir, item!.id)?.parts?.uploadId ?? '';
    expect(uploadId).toMatch(/^upload_/);
    appendFileSync(file.path, 'edited while Stowage was closed');

    const second = await openQueue(http, { openai: proxy.url }, { dataDir: dir, partOptions: PARTS });
    try {
      const resumeMark = proxy.exchanges.length;
      second.queue.resume([item!.id]);
      const failed = await settle(second, item!.id);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('file_changed');
      await until(() => since(resumeMark).some((e) => e.path.endsWith(`/uploads/${uploadId}/cancel`) && e.status === 200));
      expect(partsIn(resumeMark)).toHaveLength(0);
      await until(() => savedItem(dir, item!.id)?.parts === null);
      expect(await stored(file.name)).toHaveLength(0);
    } finally {
      await second.close();
    }
  });
});
