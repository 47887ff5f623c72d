import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../inventory/list-all';
import { adapterFor, baseUrlFor, patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { enqueue, FAST_RETRY, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, { vlmrun: sandbox.urls.vlmrun, openai: sandbox.urls.openai, llamacloud: sandbox.urls.llamacloud });
});

afterEach(() => sandbox.setFaults({}));

afterAll(async () => {
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let counter = 0;
function freshFile(bytes: number, prefix = 'f'): { path: string; name: string } {
  counter += 1;
  const name = `${prefix}-${counter}.bin`;
  return { path: scratch.file(name, patternBytes(bytes, counter)), name };
}

async function storedNamed(kind: ProviderKind, name: string) {
  const all = await listAll(adapterFor(kind, baseUrlFor(sandbox, kind), http));
  return all.filter((f) => f.name === name);
}

async function settle(id: string) {
  await until(() => !['queued', 'hashing', 'uploading', 'verifying'].includes(itemOf(h, id).state));
  return itemOf(h, id);
}

const kinds: ProviderKind[] = ['vlmrun', 'openai', 'llamacloud'];
const purposeOf: Record<string, string> = { vlmrun: 'assistants', openai: 'user_data', llamacloud: 'parse' };

describe.each(kinds)('uploads to %s under injected faults', (kind) => {
  it('retries 503s and stores the file exactly once', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1, count: 2, status: 503 }, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(20_000);
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    const done = await settle(item!.id);
    expect(done).toMatchObject({ state: 'done', attempts: 3 });
    expect(await storedNamed(kind, file.name)).toHaveLength(1);
  });

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    sandbox.setFaults({ rateLimit: { rate: 1, count: 1, retryAfterSeconds: 1 }, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(5_000);
    const before = h.sleeps.length;
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    expect(await settle(item!.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(h.sleeps.slice(before)).toContain(1000);
    expect(await storedNamed(kind, file.name)).toHaveLength(1);
  });

  it('survives a connection reset mid-body without losing or duplicating the file', async () => {
    // A counted reset is used up by every request, and on VLM Run the content lookup (a GET with
    // no body, which tells a second copy from the one it already held) goes first.
    sandbox.setFaults({ resetAfterBytes: { bytes: 64 * 1024, count: kind === 'vlmrun' ? 2 : 1 }, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(512 * 1024);
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    const done = await settle(item!.id);
    expect(done.state).toBe('done');
    expect(done.attempts).toBe(2);
    expect(await storedNamed(kind, file.name)).toHaveLength(1);
  });

  it('fails plainly after the last attempt when the provider stays down, and a retry then succeeds', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1, status: 502 }, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(1_000);
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    const failed = await settle(item!.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: FAST_RETRY.maxAttempts });
    expect(failed.error?.code).toBe('server_error');
    expect(failed.error?.message).toMatch(/try again/i);
    sandbox.setFaults({});
    expect(h.queue.retry()).toBeGreaterThanOrEqual(1);
    expect(await settle(item!.id)).toMatchObject({ state: 'done' });
    expect(await storedNamed(kind, file.name)).toHaveLength(1);
  });

  it('cancels mid-body: the request is aborted, nothing is stored, success is never reported', async () => {
    sandbox.setFaults({ bandwidthBytesPerSecond: 256 * 1024, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(4 * 1024 * 1024);
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    await until(() => itemOf(h, item!.id).sentBytes > 0);
    expect(h.queue.cancel([item!.id])).toBe(1);
    await until(() => h.queue.idle);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(itemOf(h, item!.id).state).toBe('cancelled');
    expect(h.history(item!.id).some((i) => i.state === 'done')).toBe(false);
    sandbox.setFaults({});
    expect(await storedNamed(kind, file.name)).toHaveLength(0);
  });

  it('fails with "file changed during upload" when the file grows while it is sent', async () => {
    sandbox.setFaults({ bandwidthBytesPerSecond: 512 * 1024, targets: [PROVIDER_TARGET[kind]] });
    const file = freshFile(1024 * 1024);
    const [item] = await enqueue(h, kind, [file.path], purposeOf[kind] as string);
    await until(() => itemOf(h, item!.id).sentBytes > 0);
    appendFileSync(file.path, 'more bytes arriving');
    const failed = await settle(item!.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('file_changed');
    sandbox.setFaults({});
    expect(await storedNamed(kind, file.name)).toHaveLength(0);
  });
});

const PROVIDER_TARGET = { vlmrun: 'vlmrun', openai: 'openai', yandex: 'openai', llamacloud: 'llamacloud' } as const;

describe('uploads when the provider cannot be reached', () => {
  it('retries connection errors before the body and then fails with "offline"', async () => {
    const unreachable = await openQueue(http, {});
    try {
      const file = freshFile(100);
      const [item] = await enqueue(unreachable, 'openai', [file.path], 'user_data');
      await until(() => unreachable.queue.idle);
      const failed = itemOf(unreachable, item!.id);
      expect(failed).toMatchObject({ state: 'failed', attempts: FAST_RETRY.maxAttempts });
      expect(failed.error?.code).toBe('offline');
      expect(failed.error?.message).toMatch(/could not reach/i);
    } finally {
      await unreachable.close();
    }
  });
});
