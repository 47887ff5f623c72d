import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, rmSync, symlinkSync, truncateSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../../shared/models/providers';
import type { UploadItem } from '../../../shared/models/uploads';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../../../test/support/list-all';
import { adapterFor, baseUrlFor, patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';

/**
 * What the uploader does when the file on disk is no longer the one pre-flight checked: it never
 * adopts the new state, never blocks, never calls a local problem a network fault, and never
 * leaves a copy on the provider that nobody knows about. Real sandbox on loopback, real files.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
const fifos: string[] = [];
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, sandbox.urls, { concurrency: 1 });
});

afterAll(async () => {
  // Anything still blocked opening one of the pipes (the bug these tests guard against) is let go.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader is waiting: nothing to release.
    }
  }
  sandbox.setFaults({});
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

const kinds: ProviderKind[] = ['vlmrun', 'openai', 'llamacloud'];
const purposeOf: Record<string, string> = { vlmrun: 'assistants', openai: 'user_data', llamacloud: 'parse' };
const TARGET = { vlmrun: 'vlmrun', openai: 'openai', llamacloud: 'llamacloud' } as const;
/** A sysfs attribute that refuses reads even to root, standing in for a file made unreadable. */
const WRITE_ONLY_SYSFS = '/sys/bus/pci/rescan';
const isRoot = process.getuid?.() === 0;

let counter = 0;
function freshFile(bytes: number, content?: Buffer): { path: string; name: string } {
  counter += 1;
  const name = `src-${counter}.bin`;
  return { path: scratch.file(name, content ?? patternBytes(bytes, 500 + counter)), name };
}

async function storedNamed(kind: ProviderKind, name: string) {
  return (await listAll(adapterFor(kind, baseUrlFor(sandbox, kind), http))).filter((f) => f.name === name);
}

/** Pre-flights a fresh file, lets `change` alter it on disk, then starts the batch. */
async function changeThenStart(kind: ProviderKind, change: (path: string) => void, policy: 'upload' | 'skip' = 'upload', bytes = 4096) {
  const file = freshFile(bytes);
  const plan = await h.queue.preflight(`ws-${kind}`, [file.path]);
  expect(plan.count).toBe(1);
  change(file.path);
  const { batchId } = await h.queue.start(plan.preflightId, purposeOf[kind] as string, policy);
  const item = h.queue.list().items.find((i) => i.batchId === batchId) as UploadItem;
  return { ...file, id: item.id };
}

async function settle(id: string): Promise<UploadItem> {
  await until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(h, id).state));
  return itemOf(h, id);
}

/** Fails with `code` at once: no attempt retried, no retry wait asked for, nothing stored. */
async function expectRefused(kind: ProviderKind, file: { id: string; name: string }, code: string, words: RegExp) {
  const sleepsBefore = h.sleeps.length;
  const failed = await settle(file.id);
  expect(failed.state).toBe('failed');
  expect(failed.error).toEqual({ code, message: expect.stringMatching(words) });
  expect(failed.attempts).toBeLessThanOrEqual(1);
  expect(h.sleeps.length).toBe(sleepsBefore);
  expect(await storedNamed(kind, file.name)).toHaveLength(0);
}

describe.each(kinds)('%s: the file changed between pre-flight and upload', (kind) => {
  it('truncated to 0 bytes: refused as changed, not uploaded empty', async () => {
    const file = await changeThenStart(kind, (path) => truncateSync(path, 0));
    await expectRefused(kind, file, 'file_changed', /changed after Stowage checked it.*empty/);
  });

  it('grown: refused as changed, the new size is not adopted', async () => {
    const file = await changeThenStart(kind, (path) => appendFileSync(path, 'more'));
    await expectRefused(kind, file, 'file_changed', /changed after Stowage checked it.*size/);
    expect(itemOf(h, file.id).bytes).toBe(4096);
  });

  it('replaced by a folder: a local reason in plain words, tried once', async () => {
    const file = await changeThenStart(kind, (path) => {
      rmSync(path);
      mkdirSync(path);
    });
    await expectRefused(kind, file, 'file_changed', /now a folder/);
  });

  it('replaced by a loop of links: says it is a loop, tried once', async () => {
    const file = await changeThenStart(kind, (path) => {
      rmSync(path);
      symlinkSync(`${path}.other`, path);
      symlinkSync(path, `${path}.other`);
    });
    await expectRefused(kind, file, 'file_changed', /loop of links/);
  });

  it.skipIf(isRoot && !existsSync(WRITE_ONLY_SYSFS))(
    'made unreadable: "permission denied", not a network fault (as root, via a write-only sysfs file; skipped where there is none)',
    async () => {
      const file = await changeThenStart(kind, (path) => {
        if (!isRoot) return chmodSync(path, 0o000);
        rmSync(path);
        symlinkSync(WRITE_ONLY_SYSFS, path);
      });
      await expectRefused(kind, file, 'unreadable', /permission denied/);
    },
  );

  it('swapped for a named pipe: refused at once without blocking; Cancel frees the slot and the next upload completes', async () => {
    const pipe = await changeThenStart(
      kind,
      (path) => {
        rmSync(path);
        execFileSync('mkfifo', [path]);
        fifos.push(path);
      },
      'skip',
    );
    await until(() => itemOf(h, pipe.id).state !== 'queued');
    h.queue.cancel([pipe.id]);
    const next = freshFile(2048);
    const plan = await h.queue.preflight(`ws-${kind}`, [next.path]);
    const { batchId } = await h.queue.start(plan.preflightId, purposeOf[kind] as string, 'upload');
    const nextId = h.queue.list().items.find((i) => i.batchId === batchId)!.id;
    expect(await settle(nextId)).toMatchObject({ state: 'done' });
    expect(itemOf(h, pipe.id)).toMatchObject({ state: 'failed', error: { code: 'file_changed', message: expect.stringMatching(/named pipe/) } });
    expect(await storedNamed(kind, pipe.name)).toHaveLength(0);
  });
});

describe.each(kinds)('%s: the file changed after it was read, while the upload was still going', (kind) => {
  it('deletes the copy this upload created and says so: no untracked copy is left', async () => {
    sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, targets: [TARGET[kind as keyof typeof TARGET]] });
    try {
      const file = freshFile(1024 * 1024);
      const plan = await h.queue.preflight(`ws-${kind}`, [file.path]);
      const { batchId } = await h.queue.start(plan.preflightId, purposeOf[kind] as string, 'upload');
      const id = h.queue.list().items.find((i) => i.batchId === batchId)!.id;
      // Every byte has been read (and handed to the socket); the provider has not answered yet.
      await until(() => itemOf(h, id).sentBytes >= 1024 * 1024);
      appendFileSync(file.path, 'late edit');
      const failed = await settle(id);
      expect(failed).toMatchObject({ state: 'failed', fileId: null, error: { code: 'file_changed', message: expect.stringMatching(/copy it sent was deleted/) } });
      sandbox.setFaults({});
      expect(await storedNamed(kind, file.name)).toHaveLength(0);
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('VLM Run: a changed file whose bytes were already stored', () => {
  it('keeps the file that existed before this upload (its id is recorded) and says so', async () => {
    const content = patternBytes(1024 * 1024, 4242);
    const first = freshFile(0, content);
    const plan = await h.queue.preflight('ws-vlmrun', [first.path]);
    const { batchId } = await h.queue.start(plan.preflightId, 'assistants', 'upload');
    const firstId = h.queue.list().items.find((i) => i.batchId === batchId)!.id;
    const stored = await settle(firstId);
    expect(stored.state).toBe('done');

    sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, targets: ['vlmrun'] });
    try {
      const second = freshFile(0, content);
      const again = await h.queue.preflight('ws-vlmrun', [second.path]);
      const started = await h.queue.start(again.preflightId, 'assistants', 'upload');
      const id = h.queue.list().items.find((i) => i.batchId === started.batchId)!.id;
      await until(() => itemOf(h, id).sentBytes >= 1024 * 1024);
      appendFileSync(second.path, 'late edit');
      const failed = await settle(id);
      expect(failed).toMatchObject({ state: 'failed', fileId: stored.fileId, error: { code: 'file_changed' } });
      expect(failed.error?.message).toMatch(new RegExp(`already stored.*${stored.fileId}.*kept`));
    } finally {
      sandbox.setFaults({});
    }
    const byId = await adapterFor('vlmrun', sandbox.urls.vlmrun, http).get(stored.fileId as string);
    expect(byId.name).toBe(first.name);
  });
});
