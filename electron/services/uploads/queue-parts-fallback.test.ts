/**
 * Servers without OpenAI's `/uploads` (Yandex AI Studio, many proxies): big files fall back to one
 * `POST /files` within the one-request limit, the server is not asked again, and a file over that
 * limit stops with a plain message. Real sandboxes on loopback, a recording proxy in front.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { PROVIDERS } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { createAdapter } from '../providers';
import { patternBytes, Scratch, startProxy, startTestSandbox, TEST_KEY, type RunningProxy } from '../../../test/support/services';
import { enqueue, FAST_RETRY, itemOf, openQueue, until } from '../../../test/support/queue';
import { ItemMachine } from './item-machine';
import type { PartOptions } from './part-session';
import { newQueueItem } from './queue-item';
import { sendInParts } from './send-in-parts';
import { SourceFile } from './source-file';
import { statSync } from 'node:fs';

const PART = 128 * 1024;
const PARTS: PartOptions = { partBytes: PART, thresholdBytes: 4 * PART, parallelism: 3, startParallelism: 2 };

let withoutUploads: RunningSandbox;
let proxy: RunningProxy;
const http = new HttpClient();
const scratch = new Scratch();
let n = 0;

beforeAll(async () => {
  withoutUploads = await startTestSandbox({ openaiUploads: false });
  proxy = await startProxy(withoutUploads.urls.openai);
});
afterAll(async () => {
  await proxy.close();
  await withoutUploads.close();
  await http.close();
  scratch.remove();
});

function file(bytes: number) {
  n += 1;
  const name = `fallback-${n}.bin`;
  return { name, path: scratch.file(name, patternBytes(bytes, 900 + n)) };
}

const since = (mark: number) => proxy.exchanges.slice(mark);
const asked = (mark: number, suffix: string) => since(mark).filter((e) => e.method === 'POST' && e.path.endsWith(suffix));

describe('big files where the server has no Uploads', () => {
  it('falls back to one request when /uploads answers 404, says so, and does not ask again', async () => {
    const h = await openQueue(http, { openai: proxy.url }, { partOptions: PARTS });
    try {
      const first = file(6 * PART);
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'openai', [first.path], 'user_data');
      await until(() => ['done', 'failed'].includes(itemOf(h, item!.id).state));
      expect(itemOf(h, item!.id)).toMatchObject({ state: 'done', notice: 'This server has no multipart Uploads, so Stowage sends the file in one request.' });
      expect(asked(mark, '/uploads').map((e) => e.status)).toEqual([404]);
      expect(asked(mark, '/files').map((e) => e.status)).toEqual([200]);

      const second = file(6 * PART);
      const again = proxy.exchanges.length;
      const [next] = await enqueue(h, 'openai', [second.path], 'user_data');
      await until(() => ['done', 'failed'].includes(itemOf(h, next!.id).state));
      expect(itemOf(h, next!.id).state).toBe('done');
      expect(asked(again, '/uploads')).toHaveLength(0);
      expect(asked(again, '/files')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('never asks Yandex AI Studio for /uploads: big files go in one request', async () => {
    const h = await openQueue(http, { yandex: proxy.url }, { partOptions: PARTS });
    try {
      const big = file(6 * PART);
      const mark = proxy.exchanges.length;
      const [item] = await enqueue(h, 'yandex', [big.path], 'assistants');
      await until(() => ['done', 'failed'].includes(itemOf(h, item!.id).state));
      expect(itemOf(h, item!.id)).toMatchObject({ state: 'done', notice: null });
      expect(since(mark).filter((e) => e.path.includes('/uploads'))).toHaveLength(0);
      expect(asked(mark, '/files')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('stops a file over the one-request limit with a plain message, and sends no bytes', async () => {
    const info = { ...PROVIDERS.openai, singleRequestMaxBytes: 2 * PART };
    const adapter = createAdapter({ info, baseUrl: proxy.url, apiKey: TEST_KEY, projectId: null, folderId: null, http });
    const big = file(3 * PART);
    const { mtimeMs } = statSync(big.path);
    const source = await SourceFile.open(big.path, { bytes: 3 * PART, mtimeMs }, null);
    const item = newQueueItem({ ...big, bytes: 3 * PART, mtimeMs }, { batchId: 'b', workspaceId: 'w', purpose: 'user_data', policy: 'upload', contentType: 'application/octet-stream' });
    const deps = { machine: new ItemMachine(() => undefined), retry: FAST_RETRY, sleep: async () => undefined, speed: () => 0, partOptions: PARTS, remark: () => undefined };
    const mark = proxy.exchanges.length;
    const error = await sendInParts(item, adapter, source, new AbortController().signal, deps)
      .catch((e: unknown) => e)
      .finally(() => source.close());
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('too_large');
    expect((error as AppError).message).toBe(
      'This server has no multipart Uploads, so it takes at most 262 kB per file and this file is 393 kB. Send it to OpenAI itself or to another server that offers Uploads, or split it into smaller files.',
    );
    expect(asked(mark, '/uploads').map((e) => e.status)).toEqual([404]);
    expect(asked(mark, '/files')).toHaveLength(0);
  });
});
