import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, Scratch, startTestSandbox } from '../../../test/support/services';
import { itemOf, openQueue, until } from '../../../test/support/queue';

/** The expiry chosen in pre-flight travels with each queued item, across a restart, to the provider. */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await http.close();
  scratch.remove();
});

describe('expiry through the upload queue', () => {
  it('is saved with the item, so an upload resumed after a restart still asks for it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-expiry-'));
    const path = scratch.file('resumed-with-expiry.txt', Buffer.from('kept for three days'));
    // First run: nothing listens at the address, so the item waits for a retry that never comes.
    const first = await openQueue(http, { openai: 'http://127.0.0.1:1' }, { dataDir, retry: { maxAttempts: 5, baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, maxRetryAfterMs: 1000 } });
    const plan = await first.queue.preflight('ws-openai', [path]);
    const { batchId } = await first.queue.start(plan.preflightId, 'user_data', 'upload', 3 * 86_400);
    const id = first.queue.list().items.find((i) => i.batchId === batchId)!.id;
    await until(() => first.sleeps.length > 0);
    await first.close();

    const second = await openQueue(http, sandbox.urls, { dataDir });
    try {
      expect(itemOf(second, id).state).toBe('paused');
      expect(second.queue.resume()).toBe(1);
      await until(() => itemOf(second, id).state === 'done');
      const stored = await adapterFor('openai', baseUrlFor(sandbox, 'openai'), http).get(itemOf(second, id).fileId!);
      expect(Date.parse(stored.expiresAt!) - Date.parse(stored.createdAt)).toBe(3 * 86_400_000);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each(['vlmrun', 'llamacloud'] as const)('is refused for %s, which cannot be asked to delete files, before anything is queued', async (kind) => {
    const h = await openQueue(http, sandbox.urls);
    try {
      const plan = await h.queue.preflight(`ws-${kind}`, [scratch.file(`no-expiry-${kind}.txt`, Buffer.from('x'))]);
      const refused = await h.queue.start(plan.preflightId, kind === 'vlmrun' ? 'assistants' : 'parse', 'upload', 3600).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('invalid_input');
      expect((refused as AppError).message).toMatch(/cannot be asked to delete files after a time/);
      expect(h.queue.list().items).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
