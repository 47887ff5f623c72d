/**
 * LlamaCloud conformance: the official `@llamaindex/llama-cloud` SDK against the sandbox by base
 * URL only: create, page-token listing, the `/query` variant, presigned `/content`, delete.
 */
import LlamaCloud, { toFile } from '@llamaindex/llama-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../index';
import { fetchBytes, patternBytes, rejectionOf } from '../../../test/support/sandbox-fixtures';
import { DEFAULT_PROJECT_ID } from './llamacloud-pages';

const KEY = 'llx-test-key';
const LIMIT = 64 * 1024;

let sandbox: RunningSandbox;
let client: LlamaCloud;

const apiError = (p: Promise<unknown>) => rejectionOf(p, LlamaCloud.APIError);

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], limits: { llamacloud: LIMIT } });
  client = new LlamaCloud({ apiKey: KEY, baseURL: sandbox.urls.llamacloud, maxRetries: 0 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('llamacloud dialect through the official SDK', () => {
  it('creates a non-ASCII file and a 0-byte file, retrieves them, and serves /content byte for byte', async () => {
    const content = patternBytes(40_000, 5);
    const created = await client.files.create({ file: await toFile(content, 'отчёт 報告.pdf'), purpose: 'parse', external_file_id: 'ext-1' });
    expect(created).toMatchObject({ name: 'отчёт 報告.pdf', purpose: 'parse', project_id: DEFAULT_PROJECT_ID, external_file_id: 'ext-1', file_type: 'pdf' });
    const got = await client.files.retrieve(created.id);
    expect(got).toMatchObject({ id: created.id, name: created.name, file_size: content.length } as object);

    const presigned = await client.files.content(created.id);
    expect(Date.parse(presigned.expires_at)).toBeGreaterThan(Date.now());
    const fetched = await fetchBytes(presigned.url);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(fetched.body.equals(content)).toBe(true);
    const part = await fetchBytes(presigned.url, { headers: { Range: 'bytes=0-0' } });
    expect(part.status).toBe(206);
    expect(part.body.equals(content.subarray(0, 1))).toBe(true);

    const withUrl = await client.files.retrieve(created.id, { expand: ['download_url'] });
    expect((await fetchBytes(withUrl.download_url?.url ?? '')).body.equals(content)).toBe(true);

    const empty = await client.files.create({ file: await toFile(Buffer.alloc(0), 'empty.csv'), purpose: 'sheet' });
    const emptyBody = await fetchBytes((await client.files.content(empty.id)).url);
    expect(emptyBody.status).toBe(200);
    expect(emptyBody.body.length).toBe(0);
  });

  it('pages with page_token to the end, filters by name, and scopes by project_id', async () => {
    const fresh = await startSandbox({ apiKeys: [KEY] });
    try {
      const c = new LlamaCloud({ apiKey: KEY, baseURL: fresh.urls.llamacloud, maxRetries: 0 });
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const f = await c.files.create({ file: await toFile(Buffer.from(`n${i}`), `doc-${i}.txt`), purpose: i < 2 ? 'extract' : 'user_data' });
        ids.push(f.id);
      }
      const seen: string[] = [];
      for await (const f of c.files.list({ page_size: 3 })) seen.push(f.id);
      expect(seen).toEqual([...ids].reverse());

      const byName: string[] = [];
      for await (const f of c.files.list({ page_size: 2, order_by: 'name' })) byName.push(f.name);
      expect(byName).toEqual(ids.map((_, i) => `doc-${i}.txt`));

      const one = await c.files.list({ file_name: 'doc-4.txt' });
      expect(one.items.map((f) => f.id)).toEqual([ids[4]]);
      expect(one.next_page_token).toBe('');

      const queried = await c.files.query({ filter: { file_ids: [ids[0] as string, ids[1] as string] }, page_size: 1 });
      expect(queried.items).toHaveLength(1);
      expect(queried.total_size).toBe(2);
      expect(queried.next_page_token).toBeTruthy();

      const project = '5b7f3c5e-1111-4222-8333-944444444444';
      const scoped = await c.files.create({ file: await toFile(Buffer.from('p'), 'p.txt'), purpose: 'user_data', project_id: project });
      expect(scoped.project_id).toBe(project);
      expect((await c.files.list({ project_id: project })).items.map((f) => f.id)).toEqual([scoped.id]);
      expect((await apiError(c.files.retrieve(scoped.id))).status).toBe(404);
    } finally {
      await fresh.close();
    }
  });

  it('deletes, after which retrieve, content and the old presigned URL fail', async () => {
    const f = await client.files.create({ file: await toFile(Buffer.from('gone soon'), 'gone.txt'), purpose: 'user_data' });
    const { url } = await client.files.content(f.id);
    await client.files.delete(f.id);
    expect((await apiError(client.files.retrieve(f.id))).status).toBe(404);
    expect((await apiError(client.files.content(f.id))).status).toBe(404);
    expect((await fetchBytes(url)).status).toBe(404);
  });

  it('rejects expired and tampered presigned URLs with 403', async () => {
    const f = await client.files.create({ file: await toFile(Buffer.from('short'), 's.txt'), purpose: 'user_data' });
    const { url } = await client.files.content(f.id, { expires_at_seconds: 60 });
    expect((await fetchBytes(url.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 1}`))).status).toBe(403);
    sandbox.setClockOffset(61_000);
    try {
      expect((await fetchBytes(url)).status).toBe(403);
    } finally {
      sandbox.setClockOffset(0);
    }
    expect((await fetchBytes(url)).status).toBe(200);
  });

  it('answers errors in FastAPI shape: 401, 404, invalid purpose, bad page token, 413', async () => {
    const bad = new LlamaCloud({ apiKey: 'wrong', baseURL: sandbox.urls.llamacloud, maxRetries: 0 });
    const unauthorized = await apiError(bad.files.list());
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.error).toHaveProperty('detail');

    expect((await apiError(client.files.retrieve('00000000-0000-0000-0000-000000000000'))).status).toBe(404);

    const purpose = await apiError(client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'nope' }));
    expect(purpose.status).toBe(422);
    expect((purpose.error as { detail: { loc: string[] }[] }).detail[0]?.loc).toEqual(['body', 'purpose']);

    expect((await apiError(client.files.list({ page_token: 'garbage' }))).status).toBe(400);
    expect((await apiError(client.files.list({ order_by: 'size' }))).status).toBe(422);

    const big = await apiError(client.files.create({ file: await toFile(patternBytes(LIMIT + 1), 'big.bin'), purpose: 'parse' }));
    expect(big.status).toBe(413);
    expect((await client.files.list({ file_name: 'big.bin' })).items).toHaveLength(0);
  });
});
