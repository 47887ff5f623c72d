import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../../../test/support/list-all';
import type { ProviderAdapter } from '../providers/types';
import { adapterFor, patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';
import { HASH_BESIDE_MIN_BYTES } from './hash-and-send';

/**
 * A large VLM Run file is hashed while it is sent, through the real queue, adapter and sandbox:
 * the duplicate policy still means what the dialog says, the body's last bytes wait for the
 * lookup, and faults neither lose nor duplicate the file.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let h: QueueHarness;
/** While set, every hash lookup waits for it (the second harness only). */
let held: Promise<void> | null = null;
let lookups = 0;
let gated: QueueHarness;

/** The real adapter, with its hash lookup counted and held while `held` is set. */
function holdingLookups(adapter: ProviderAdapter): ProviderAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'findByHash') {
        return async (md5: string, signal?: AbortSignal): Promise<StoredFile | null> => {
          lookups += 1;
          if (held) await held;
          return (target.findByHash as NonNullable<ProviderAdapter['findByHash']>).call(target, md5, signal);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, sandbox.urls);
  gated = await openQueue(http, sandbox.urls, { wrapAdapter: holdingLookups });
});

afterEach(() => sandbox.setFaults({}));

afterAll(async () => {
  await gated.close();
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let n = 0;
/** A large file of fresh bytes (a 64 KiB pattern with the file's number in every block). */
function bigFile(bytes = HASH_BESIDE_MIN_BYTES + 1024 * 1024): { path: string; name: string } {
  n += 1;
  const block = patternBytes(64 * 1024, 900 + n);
  const content = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += block.length) {
    block.writeUInt32LE(at, 0);
    block.copy(content, at);
  }
  content.writeUInt32LE(n, 4);
  const name = `big-${n}.bin`;
  return { path: scratch.file(name, content), name };
}

const stored = async () => listAll(adapterFor('vlmrun', sandbox.urls.vlmrun, http));
const settle = async (q: QueueHarness, id: string) => {
  await until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(q, id).state));
  return itemOf(q, id);
};

/** Uploads `path` once under "Upload anyway" and returns the stored file's id. */
async function storeFirst(path: string, purpose = 'assistants'): Promise<string> {
  const [item] = await enqueue(h, 'vlmrun', [path], purpose, 'upload');
  const done = await settle(h, item!.id);
  expect(done.state).toBe('done');
  return done.fileId as string;
}

describe('VLM Run: a large file hashed while it is sent', () => {
  it('new bytes under "Ask me": stored once, without a separate hashing step', async () => {
    const f = bigFile();
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'ask');
    const done = await settle(h, item!.id);
    expect(done.state).toBe('done');
    expect(h.history(item!.id).some((i) => i.state === 'hashing')).toBe(false);
    expect((await stored()).filter((s) => s.name === f.name)).toHaveLength(1);
  });

  it.each([
    ['ask', 'duplicate'],
    ['skip', 'skipped'],
  ] as const)('bytes already stored for this purpose, policy "%s": ends %s with the stored id and no second copy', async (policy, state) => {
    const f = bigFile();
    const firstId = await storeFirst(f.path);
    const before = (await stored()).length;
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'assistants', policy);
    expect(await settle(h, item!.id)).toMatchObject({ state, fileId: firstId, matchBasis: 'content', sentBytes: 0 });
    expect(h.history(item!.id).some((i) => i.state === 'done')).toBe(false);
    expect(await stored()).toHaveLength(before);
  });

  it('bytes already stored, "Upload anyway": sent, and VLM Run answering with the file it held ends "kept", not "done"', async () => {
    const f = bigFile();
    const firstId = await storeFirst(f.path);
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'upload');
    expect(await settle(h, item!.id)).toMatchObject({ state: 'kept', fileId: firstId });
    expect((await stored()).filter((s) => s.id === firstId)).toHaveLength(1);
  });

  it('the same bytes stored for another purpose are not "already stored": "Skip" sends a real copy for the new purpose', async () => {
    const f = bigFile();
    const firstId = await storeFirst(f.path);
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'vision', 'skip');
    const done = await settle(h, item!.id);
    expect(done).toMatchObject({ state: 'done', matchBasis: null });
    expect(done.fileId).not.toBe(firstId);
    expect((await stored()).find((s) => s.id === done.fileId)?.purpose).toBe('vision');
  });

  it.each([
    ['multipart', HASH_BESIDE_MIN_BYTES + 1024 * 1024],
    ['presigned PUT', 33 * 1024 * 1024],
  ])('%s: the last bytes wait for the lookup, and a late "already stored" ends the upload with no copy made', async (_path, bytes) => {
    const f = bigFile(bytes);
    const firstId = await storeFirst(f.path);
    let release!: () => void;
    held = new Promise<void>((resolve) => (release = resolve));
    const lookupsBefore = lookups;
    try {
      const before = (await stored()).length;
      const [item] = await enqueue(gated, 'vlmrun', [f.path], 'assistants', 'ask');
      await until(() => lookups > lookupsBefore && itemOf(gated, item!.id).sentBytes >= bytes - 1024 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(itemOf(gated, item!.id)).toMatchObject({ state: 'uploading' });
      expect(itemOf(gated, item!.id).sentBytes).toBeLessThan(bytes);
      release();
      expect(await settle(gated, item!.id)).toMatchObject({ state: 'duplicate', fileId: firstId });
      expect(await stored()).toHaveLength(before);
    } finally {
      held = null;
      release();
    }
  });

  it('a connection reset mid-body: retried, stored exactly once', async () => {
    sandbox.setFaults({ resetAfterBytes: { bytes: 256 * 1024, count: 1 }, targets: ['vlmrun'] });
    const f = bigFile();
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'ask');
    expect(await settle(h, item!.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect((await stored()).filter((s) => s.name === f.name)).toHaveLength(1);
  });

  it('cancelled mid-body: the request is aborted and nothing is stored', async () => {
    sandbox.setFaults({ bandwidthBytesPerSecond: 1024 * 1024, targets: ['vlmrun'] });
    const f = bigFile();
    const [item] = await enqueue(h, 'vlmrun', [f.path], 'assistants', 'ask');
    await until(() => itemOf(h, item!.id).sentBytes > 0);
    h.queue.cancel([item!.id]);
    await until(() => h.queue.idle);
    expect(itemOf(h, item!.id).state).toBe('cancelled');
    sandbox.setFaults({});
    expect((await stored()).filter((s) => s.name === f.name)).toHaveLength(0);
  });
});
