import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../../../test/support/list-all';
import { adapterFor, baseUrlFor, patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';

/**
 * The two recovery paths the soak (`npm run soak`) found broken, pinned down one by one against a
 * real sandbox: a retry whose "did it land?" check is itself refused, and a process killed after
 * bytes went out but before the queue file said so.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(() => sandbox.setFaults({}));
afterAll(async () => {
  await sandbox.close();
  await http.close();
  scratch.remove();
});

async function storedNamed(kind: ProviderKind, name: string) {
  return (await listAll(adapterFor(kind, baseUrlFor(sandbox, kind), http))).filter((f) => f.name === name);
}

async function settle(h: QueueHarness, id: string) {
  await until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(h, id).state));
  return itemOf(h, id);
}

describe('a retry whose "did it land?" check is refused', () => {
  it('is retried like any refused request, not failed as "something went wrong inside Stowage"', async () => {
    const h = await openQueue(http, sandbox.urls);
    try {
      // The body breaks off (so the next attempt must check first); then every other request is a
      // 503, which lands on that check: reset, check 503, check ok + send 503, send ok.
      sandbox.setFaults({ resetAfterBytes: { bytes: 16 * 1024, rate: 1, count: 1 }, serverErrors: { rate: 0.5 }, targets: ['openai'] });
      const path = scratch.file('checked-after-reset.bin', patternBytes(128 * 1024, 71));
      const [item] = await enqueue(h, 'openai', [path], 'user_data');
      const done = await settle(h, item!.id);
      expect(done).toMatchObject({ state: 'done', attempts: 4, error: null });
      expect(h.history(item!.id).some((i) => i.error?.code === 'internal')).toBe(false);
      sandbox.setFaults({});
      expect(await storedNamed('openai', 'checked-after-reset.bin')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

describe('killed after the bytes went out, before the queue file said so', () => {
  /**
   * Uploads one file to the end, then puts the queue file back to what it held a moment before
   * the send (the item "queued", nothing noted), as a kill -9 in that half second leaves it.
   */
  async function sentButSavedAsQueued(kind: ProviderKind, name: string) {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-recovery-'));
    const path = scratch.file(name, patternBytes(64 * 1024, name.length));
    const first = await openQueue(http, sandbox.urls, { dataDir });
    const [item] = await enqueue(first, kind, [path], kind === 'llamacloud' ? 'parse' : 'user_data');
    const done = await settle(first, item!.id);
    await first.close();
    const file = join(dataDir, 'upload-queue.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { items: Record<string, unknown>[] };
    saved.items = saved.items.map((i) => ({ ...i, state: 'queued', fileId: null, sentBytes: 0, attempts: 0, maybeSent: false, attemptStartedAt: null }));
    writeFileSync(file, JSON.stringify(saved));
    return { dataDir, id: item!.id, fileId: done.fileId };
  }

  it.each(['openai', 'llamacloud'] as const)('%s: the attempt noted before sending makes the resume find the file instead of sending it twice', async (kind) => {
    const name = `noted-before-send-${kind}.bin`;
    const { dataDir, id, fileId } = await sentButSavedAsQueued(kind, name);
    appendFileSync(join(dataDir, 'upload-sending.log'), '{"id":"torn');
    const again = await openQueue(http, sandbox.urls, { dataDir });
    try {
      expect(itemOf(again, id).state).toBe('paused');
      expect(existsSync(join(dataDir, 'upload-sending.log'))).toBe(false);
      expect(again.queue.resume()).toBe(1);
      expect(await settle(again, id)).toMatchObject({ state: 'done', fileId });
      expect(await storedNamed(kind, name)).toHaveLength(1);
    } finally {
      await again.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
