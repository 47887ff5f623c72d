/**
 * OpenAI-compatible conformance: the official `openai` SDK against the sandbox by base URL only,
 * including Yandex's `Api-Key` scheme and the `OpenAI-Project` folder scope.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../index';
import { fetchBytes, fetchJson, patternBytes, rejectionOf } from '../../../test/support/sandbox-fixtures';

const KEY = 'sk-openai-test-key';
const LIMIT = 128 * 1024;

let sandbox: RunningSandbox;
let client: OpenAI;

const statusOf = (p: Promise<unknown>) => rejectionOf(p, OpenAI.APIError);

/** A multipart form with one small file and the given text fields, for requests the SDK would not send. */
function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from('x')]), 'x.txt');
  return form;
}

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], limits: { openai: LIMIT } });
  client = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, maxRetries: 0 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('openai dialect through the official SDK', () => {
  it('uploads a non-ASCII name and a 0-byte file, retrieves them and returns their content byte for byte', async () => {
    const content = patternBytes(70_000, 11);
    const created = await client.files.create({ file: await toFile(content, 'данные 数据.jsonl'), purpose: 'fine-tune' });
    expect(created).toMatchObject({ object: 'file', filename: 'данные 数据.jsonl', bytes: content.length, purpose: 'fine-tune', status: 'processed' });
    expect(created.id).toMatch(/^file-/);
    expect(Number.isInteger(created.created_at)).toBe(true);
    expect(created.expires_at).toBeUndefined();

    const retrieved = await client.files.retrieve(created.id);
    expect(retrieved).toEqual(created);
    const body = Buffer.from(await (await client.files.content(created.id)).arrayBuffer());
    expect(body.equals(content)).toBe(true);
    const ranged = await fetchBytes(`${sandbox.urls.openai}/files/${created.id}/content`, {
      headers: { Authorization: `Bearer ${KEY}`, Range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.body.equals(content.subarray(10, 20))).toBe(true);

    const empty = await client.files.create({ file: await toFile(Buffer.alloc(0), 'empty.txt'), purpose: 'user_data' });
    expect(empty.bytes).toBe(0);
    expect((await (await client.files.content(empty.id)).arrayBuffer()).byteLength).toBe(0);
  });

  it('pages with after/limit to the end (has_more, first_id, last_id), both orders, and filters by purpose', async () => {
    const fresh = await startSandbox({ apiKeys: [KEY] });
    try {
      const c = new OpenAI({ apiKey: KEY, baseURL: fresh.urls.openai, maxRetries: 0 });
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const f = await c.files.create({ file: await toFile(Buffer.from(`row ${i}`), `row-${i}.txt`), purpose: i % 3 === 0 ? 'batch' : 'assistants' });
        ids.push(f.id);
      }
      const seen: string[] = [];
      for await (const f of c.files.list({ limit: 3 })) seen.push(f.id);
      expect(seen).toEqual([...ids].reverse());

      const first = await c.files.list({ limit: 3, order: 'asc' });
      expect(first.data.map((f) => f.id)).toEqual(ids.slice(0, 3));
      expect(first.has_more).toBe(true);
      const raw = await fetchJson(`${fresh.urls.openai}/files?limit=3&order=asc&after=${ids[5]}`, { headers: { Authorization: `Bearer ${KEY}` } });
      expect(raw.json).toMatchObject({ object: 'list', first_id: ids[6], last_id: ids[6], has_more: false });

      const batch = await c.files.list({ purpose: 'batch' });
      expect(batch.data.map((f) => f.id)).toEqual([ids[6], ids[3], ids[0]]);
      expect(batch.data[0]?.expires_at).toBe((batch.data[0]?.created_at ?? 0) + 30 * 24 * 3600);
    } finally {
      await fresh.close();
    }
  });

  it('validates expires_after[anchor] and [seconds] (3600..2592000) and lets expired files disappear', async () => {
    const f = await client.files.create({
      file: await toFile(Buffer.from('short-lived'), 'short.txt'),
      purpose: 'assistants',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    expect(f.expires_at).toBe(f.created_at + 3600);
    const longest = await client.files.create({
      file: await toFile(Buffer.from('kept a month'), 'month.txt'),
      purpose: 'assistants',
      expires_after: { anchor: 'created_at', seconds: 2_592_000 },
    });
    expect(longest.expires_at).toBe(longest.created_at + 2_592_000);
    for (const seconds of [3599, 2_592_001]) {
      const err = await statusOf(
        client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'assistants', expires_after: { anchor: 'created_at', seconds } }),
      );
      expect(err.status).toBe(400);
      expect(err.error).toMatchObject({ type: 'invalid_request_error', param: 'seconds', code: null });
    }
    const anchor = await statusOf(
      client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'assistants', expires_after: { anchor: 'last_used' as 'created_at', seconds: 3600 } }),
    );
    expect(anchor.status).toBe(400);
    expect(anchor.param).toBe('anchor');
    const secondsOnly = await fetchJson(`${sandbox.urls.openai}/files`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
      body: formWith({ purpose: 'assistants', 'expires_after[seconds]': '3600' }),
    });
    expect(secondsOnly.status).toBe(400);
    expect(secondsOnly.json).toMatchObject({ error: { param: 'anchor' } });
    const blob = join(sandbox.dataDir, 'blobs', f.id);
    expect(existsSync(blob)).toBe(true);
    sandbox.setClockOffset(3601 * 1000);
    try {
      expect((await statusOf(client.files.retrieve(f.id))).status).toBe(404);
      for (let i = 0; i < 100 && existsSync(blob); i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(existsSync(blob)).toBe(false);
      const ids: string[] = [];
      for await (const file of client.files.list()) ids.push(file.id);
      expect(ids).not.toContain(f.id);
    } finally {
      sandbox.setClockOffset(0);
    }
  });

  it('deletes (deleted: true), then 404s', async () => {
    const f = await client.files.create({ file: await toFile(Buffer.from('bye'), 'bye.txt'), purpose: 'vision' });
    expect(await client.files.delete(f.id)).toEqual({ id: f.id, object: 'file', deleted: true });
    const err = await statusOf(client.files.retrieve(f.id));
    expect(err.status).toBe(404);
    expect(err.error).toMatchObject({ message: `No such File object: ${f.id}`, type: 'invalid_request_error', param: 'id' });
  });

  it('accepts Api-Key auth and scopes files to the OpenAI-Project folder', async () => {
    const folder = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, project: 'folder-a', maxRetries: 0 });
    const f = await folder.files.create({ file: await toFile(Buffer.from('scoped'), 'scoped.txt'), purpose: 'assistants' });
    expect((await folder.files.retrieve(f.id)).id).toBe(f.id);
    expect((await statusOf(client.files.retrieve(f.id))).status).toBe(404);

    const yandex = await fetchJson(`${sandbox.urls.openai}/files/${f.id}`, { headers: { Authorization: `Api-Key ${KEY}`, 'OpenAI-Project': 'folder-a' } });
    expect(yandex.status).toBe(200);
  });

  it('answers errors as {"error":{message,type,param,code}}: 401, 404, invalid purpose, 413 (a file of exactly the limit passes)', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong-key-123', baseURL: sandbox.urls.openai, maxRetries: 0 });
    const unauthorized = await statusOf(bad.files.list());
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.code).toBe('invalid_api_key');
    expect(unauthorized.error).toMatchObject({ type: 'invalid_request_error' });

    expect((await statusOf(client.files.retrieve('file-nope'))).status).toBe(404);
    expect((await statusOf(client.files.content('file-nope'))).status).toBe(404);

    const purpose = await statusOf(client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'wrong' as 'assistants' }));
    expect(purpose.status).toBe(400);
    expect(purpose.param).toBe('purpose');

    const atLimit = await client.files.create({ file: await toFile(patternBytes(LIMIT), 'at-limit.bin'), purpose: 'assistants' });
    expect(atLimit.bytes).toBe(LIMIT);
    const big = await statusOf(client.files.create({ file: await toFile(patternBytes(LIMIT + 1), 'big.bin'), purpose: 'assistants' }));
    expect(big.status).toBe(413);
    const declaredTooBig = await statusOf(client.files.create({ file: await toFile(patternBytes(LIMIT + 200_000), 'big.bin'), purpose: 'assistants' }));
    expect(declaredTooBig.status).toBe(413);
    expect(declaredTooBig.code).toBe('file_too_large');
    const ids: string[] = [];
    for await (const file of client.files.list()) ids.push(file.filename);
    expect(ids).not.toContain('big.bin');
    expect(ids).not.toContain('x.txt');
  });
});
