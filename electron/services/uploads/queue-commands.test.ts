import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../../../test/support/list-all';
import { clearableCount } from '../../../shared/models/uploads';
import { adapterFor, patternBytes, Scratch, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let h: QueueHarness;
let urls: { vlmrun: string; openai: string; llamacloud: string };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  urls = sandbox.urls;
  h = await openQueue(http, urls);
});

afterAll(async () => {
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let n = 0;
const file = (bytes: number, name?: string) => {
  n += 1;
  const fileName = name ?? `c-${n}.bin`;
  return { path: scratch.file(`${n}-${fileName}`, patternBytes(bytes, 100 + n)), name: `${n}-${fileName}` };
};

describe('duplicate policies', () => {
  it('VLM Run: "skip" finds the same bytes by MD5 and keeps the stored id', async () => {
    const f = file(3000);
    const [first] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'upload');
    await until(() => itemOf(h, first!.id).state === 'done');
    const [again] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'skip');
    await until(() => itemOf(h, again!.id).state === 'skipped');
    expect(itemOf(h, again!.id).fileId).toBe(itemOf(h, first!.id).fileId);
    expect(h.activity.list(10).some((e) => e.outcome === 'skipped' && e.fileId === itemOf(h, first!.id).fileId)).toBe(true);
  });

  it('"ask" waits in the duplicate state until the user decides; "upload" then sends it', async () => {
    const f = file(2000);
    const [first] = await enqueue(h, 'openai', [f.path], 'user_data', 'upload');
    await until(() => itemOf(h, first!.id).state === 'done');
    const [asked] = await enqueue(h, 'openai', [f.path], 'user_data', 'ask');
    await until(() => itemOf(h, asked!.id).state === 'duplicate');
    expect(itemOf(h, asked!.id).fileId).toBe(itemOf(h, first!.id).fileId);
    expect(h.queue.decide([asked!.id], 'upload')).toBe(1);
    await until(() => itemOf(h, asked!.id).state === 'done');
    expect(itemOf(h, asked!.id).fileId).not.toBe(itemOf(h, first!.id).fileId);
  });

  it('"skip" elsewhere matches name and size against the listing', async () => {
    const f = file(1500);
    const [first] = await enqueue(h, 'llamacloud', [f.path], 'parse', 'upload');
    await until(() => itemOf(h, first!.id).state === 'done');
    const [again] = await enqueue(h, 'llamacloud', [f.path], 'parse', 'skip');
    await until(() => itemOf(h, again!.id).state === 'skipped');
    expect(itemOf(h, again!.id).fileId).toBe(itemOf(h, first!.id).fileId);
  });
});

describe('queue commands', () => {
  it('rejects a purpose the provider does not take, in plain words', async () => {
    const plan = await h.queue.preflight('ws-openai', [file(10).path]);
    await expect(h.queue.start(plan.preflightId, 'datasets', 'upload')).rejects.toThrow(/not a purpose OpenAI accepts/);
  });

  it('clears finished items and keeps failed ones', async () => {
    const [ok] = await enqueue(h, 'vlmrun', [file(100).path], 'assistants');
    await until(() => itemOf(h, ok!.id).state === 'done');
    // A file that disappears between pre-flight and upload fails (a local reason, not retried).
    const gone = file(100);
    const plan = await h.queue.preflight('ws-vlmrun', [gone.path]);
    rmSync(gone.path);
    const { batchId } = await h.queue.start(plan.preflightId, 'assistants', 'upload');
    const failed = h.queue.list().items.find((i) => i.batchId === batchId)!;
    await until(() => itemOf(h, failed.id).state === 'failed');
    const cleared = h.queue.clearFinished();
    expect(cleared).toBeGreaterThan(0);
    expect(h.queue.list().items.some((i) => i.state === 'done')).toBe(false);
    expect(itemOf(h, failed.id).state).toBe('failed');
    expect(h.queue.clearFinished()).toBe(0);
    expect(clearableCount(h.queue.list().summary)).toBe(0);
    expect(h.queue.list().summary.failed).toBeGreaterThan(0);
    expect(h.queue.retry([failed.id])).toBe(1);
    await until(() => itemOf(h, failed.id).state === 'failed');
  });

  it('releases a batch\'s listing for the duplicate check once the batch has settled', async () => {
    await until(() => h.queue.idle);
    const before = h.queue.heldListings;
    const f = file(700);
    const [item] = await enqueue(h, 'llamacloud', [f.path], 'parse', 'skip');
    await until(() => itemOf(h, item!.id).state === 'done');
    await until(() => h.queue.idle);
    expect(h.queue.heldListings).toBe(before);
    expect(before).toBe(0);
  });

  it('sends summary events whose counts match the queue', async () => {
    await until(() => h.queue.idle);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const summaries = h.events.filter((e) => e.channel === 'uploads:summary');
    expect(summaries.at(-1)?.payload).toEqual(h.queue.list().summary);
  });
});

describe('restart after a crash', () => {
  it('brings unfinished items back paused; resuming checks before resending and stores the file once', async () => {
    const crashDir = mkdtempSync(join(tmpdir(), 'stowage-crash-'));
    const live = await openQueue(http, urls);
    try {
      sandbox.setFaults({ bandwidthBytesPerSecond: 1024 * 1024, targets: ['openai'] });
      const f = file(3 * 1024 * 1024);
      const [item] = await enqueue(live, 'openai', [f.path], 'user_data');
      const savedState = () => {
        try {
          const saved = JSON.parse(readFileSync(join(live.dataDir, 'upload-queue.json'), 'utf8')) as { items: { id: string; state: string }[] };
          return saved.items.find((i) => i.id === item!.id)?.state;
        } catch {
          return undefined;
        }
      };
      await until(() => itemOf(live, item!.id).sentBytes > 0 && savedState() === 'uploading');
      copyFileSync(join(live.dataDir, 'upload-queue.json'), join(crashDir, 'upload-queue.json'));
      const saved = JSON.parse(readFileSync(join(crashDir, 'upload-queue.json'), 'utf8')) as { items: { id: string; state: string }[] };
      expect(saved.items.find((i) => i.id === item!.id)?.state).toBe('uploading');
      await until(() => itemOf(live, item!.id).state === 'done');
      sandbox.setFaults({});

      const restarted = await openQueue(http, urls, { dataDir: crashDir });
      try {
        expect(itemOf(restarted, item!.id).state).toBe('paused');
        expect(restarted.queue.resume()).toBe(1);
        await until(() => restarted.queue.idle);
        expect(itemOf(restarted, item!.id)).toMatchObject({ state: 'done', fileId: itemOf(live, item!.id).fileId, attempts: 1 });
        const stored = (await listAll(adapterFor('openai', urls.openai, http))).filter((s) => s.name === f.name);
        expect(stored).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    } finally {
      await live.close();
      rmSync(crashDir, { recursive: true, force: true });
    }
  });

  it('keeps no key in the saved queue or the activity log', async () => {
    const queueFile = readFileSync(join(h.dataDir, 'upload-queue.json'), 'utf8');
    const activity = readFileSync(join(h.dataDir, 'activity.jsonl'), 'utf8');
    expect(queueFile).not.toContain(TEST_KEY);
    expect(activity).not.toContain(TEST_KEY);
    expect(activity).toContain('"action":"upload"');
  });
});
