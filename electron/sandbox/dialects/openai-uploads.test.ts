/**
 * OpenAI's Uploads API through the official `openai` SDK against the sandbox: parts sent in
 * parallel and joined in an order other than their arrival, the resulting File downloaded byte
 * for byte, and every refusal (md5, total, unknown or repeated part, too-large part, cancelled,
 * expired, faults, a server without `/uploads`) in OpenAI's error shape.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../index';
import { fetchJson, patternBytes, rejectionOf } from '../../../test/support/sandbox-fixtures';

const KEY = 'sk-openai-uploads-key';
const PART_LIMIT = 64 * 1024;
const UPLOAD_LIMIT = 1024 * 1024;

let sandbox: RunningSandbox;
let client: OpenAI;

const apiError = (p: Promise<unknown>) => rejectionOf(p, OpenAI.APIError);
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const partFiles = () => readdirSync(join(sandbox.dataDir, 'upload-parts'));

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], limits: { openaiUpload: UPLOAD_LIMIT, openaiUploadPart: PART_LIMIT } });
  client = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, maxRetries: 0 });
});
afterEach(() => {
  sandbox.setFaults({});
  sandbox.setClockOffset(0);
});
afterAll(async () => {
  await sandbox.close();
});

/** Creates an upload for `content` and sends it as parts of `size` bytes; returns the part ids in file order. */
async function uploadInParts(content: Buffer, size: number, name: string, purpose: OpenAI.FilePurpose = 'fine-tune'): Promise<{ uploadId: string; partIds: string[] }> {
  const upload = await client.uploads.create({ filename: name, purpose, bytes: content.length, mime_type: 'application/octet-stream' });
  const chunks: Buffer[] = [];
  for (let at = 0; at < content.length; at += size) chunks.push(content.subarray(at, at + size));
  const parts = await Promise.all(chunks.map(async (c, i) => client.uploads.parts.create(upload.id, { data: await toFile(c, `part-${i}`) })));
  return { uploadId: upload.id, partIds: parts.map((p) => p.id) };
}

/** Adding a part, completing and cancelling: what a closed Upload must refuse. */
function closedAttempts(uploadId: string, partIds: string[]): (() => Promise<unknown>)[] {
  return [
    async () => client.uploads.parts.create(uploadId, { data: await toFile(Buffer.from('late'), 'p') }),
    () => client.uploads.complete(uploadId, { part_ids: partIds }),
    () => client.uploads.cancel(uploadId),
  ];
}

describe('openai uploads through the official SDK', () => {
  it('creates a pending Upload that expires in an hour', async () => {
    const upload = await client.uploads.create({ filename: 'data.jsonl', purpose: 'batch', bytes: 10, mime_type: 'application/jsonl' });
    expect(upload).toMatchObject({ object: 'upload', filename: 'data.jsonl', purpose: 'batch', bytes: 10, status: 'pending', file: null });
    expect(upload.id).toMatch(/^upload_[0-9A-Za-z]{24}$/);
    expect(upload.expires_at).toBe(upload.created_at + 3600);
  });

  it('joins parallel parts in the listed order (not arrival order) into a File, downloadable byte for byte', async () => {
    const content = patternBytes(3 * PART_LIMIT + 1234, 7);
    const chunks = [0, 1, 2, 3].map((i) => content.subarray(i * PART_LIMIT, (i + 1) * PART_LIMIT));
    const upload = await client.uploads.create({ filename: 'заказы.jsonl', purpose: 'fine-tune', bytes: content.length, mime_type: 'application/jsonl' });
    const arrived = await Promise.all([3, 1, 0, 2].map(async (i) => ({ i, part: await client.uploads.parts.create(upload.id, { data: await toFile(chunks[i] as Buffer, `p${i}`) }) })));
    for (const { part } of arrived) {
      expect(part).toMatchObject({ object: 'upload.part', upload_id: upload.id });
      expect(part.id).toMatch(/^part_/);
    }
    const idOf = (i: number) => arrived.find((a) => a.i === i)?.part.id as string;

    const done = await client.uploads.complete(upload.id, { part_ids: [0, 1, 2, 3].map(idOf), md5: md5(content).toUpperCase() });
    expect(done).toMatchObject({ id: upload.id, object: 'upload', status: 'completed', bytes: content.length });
    expect(done.file).toMatchObject({ object: 'file', filename: 'заказы.jsonl', bytes: content.length, purpose: 'fine-tune', status: 'processed' });
    const fileId = done.file?.id as string;
    expect(fileId).toMatch(/^file-/);

    const body = Buffer.from(await (await client.files.content(fileId)).arrayBuffer());
    expect(body.equals(content)).toBe(true);
    const listed: string[] = [];
    for await (const f of client.files.list({ purpose: 'fine-tune' })) listed.push(f.id);
    expect(listed).toContain(fileId);
    expect(partFiles()).toEqual([]);
  });

  it('serves a joined File by range across the boundaries of its parts, and checks the md5 of parts sent in order', async () => {
    const content = patternBytes(3 * PART_LIMIT + 77, 11);
    const { uploadId, partIds } = await uploadInParts(content, PART_LIMIT, 'ranged.bin');
    const wrong = await apiError(client.uploads.complete(uploadId, { part_ids: partIds, md5: md5(Buffer.from('not it')) }));
    expect(wrong.status).toBe(400);
    const done = await client.uploads.complete(uploadId, { part_ids: partIds, md5: md5(content) });
    const fileId = done.file?.id as string;
    for (const [start, end] of [[PART_LIMIT - 5, PART_LIMIT + 4], [10, 3 * PART_LIMIT + 20], [3 * PART_LIMIT, 3 * PART_LIMIT + 76]] as const) {
      const res = await fetch(`${sandbox.urls.openai}/files/${fileId}/content`, { headers: { authorization: `Bearer ${KEY}`, range: `bytes=${start}-${end}` } });
      expect(res.status).toBe(206);
      expect(Buffer.from(await res.arrayBuffer()).equals(content.subarray(start, end + 1))).toBe(true);
    }
    const whole = Buffer.from(await (await client.files.content(fileId)).arrayBuffer());
    expect(whole.equals(content)).toBe(true);
    await client.files.delete(fileId);
    expect(readdirSync(join(sandbox.dataDir, 'blobs'))).not.toContain(fileId);
  });

  it('gives the File the Upload’s expires_after, or 30 days for batch', async () => {
    const upload = await client.uploads.create({
      filename: 'short.txt',
      purpose: 'user_data',
      bytes: 5,
      mime_type: 'text/plain',
      expires_after: { anchor: 'created_at', seconds: 7200 },
    });
    const part = await client.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('hello'), 'p') });
    const done = await client.uploads.complete(upload.id, { part_ids: [part.id] });
    expect(done.file?.expires_at).toBe((done.file?.created_at ?? 0) + 7200);

    const batch = await uploadInParts(Buffer.from('{"a":1}\n'), 4, 'batch.jsonl', 'batch');
    const batchDone = await client.uploads.complete(batch.uploadId, { part_ids: batch.partIds });
    expect(batchDone.file?.expires_at).toBe((batchDone.file?.created_at ?? 0) + 30 * 24 * 3600);

    const err = await apiError(
      client.uploads.create({ filename: 'x', purpose: 'user_data', bytes: 1, mime_type: 'text/plain', expires_after: { anchor: 'created_at', seconds: 60 } }),
    );
    expect(err.status).toBe(400);
    expect(err.param).toBe('seconds');
  });

  it('refuses a wrong md5, a wrong total, unknown and repeated part ids with 400, and the Upload stays usable', async () => {
    const content = patternBytes(3000, 3);
    const { uploadId, partIds } = await uploadInParts(content, 1000, 'checked.bin');
    const other = await uploadInParts(Buffer.from('other'), 5, 'other.bin');

    const badMd5 = await apiError(client.uploads.complete(uploadId, { part_ids: partIds, md5: md5(Buffer.from('not it')) }));
    expect(badMd5.status).toBe(400);
    expect(badMd5.error).toMatchObject({ type: 'invalid_request_error', param: 'md5', code: null });
    expect(badMd5.error).toMatchObject({ message: expect.stringContaining(`is ${md5(content)}`) });

    const short = await apiError(client.uploads.complete(uploadId, { part_ids: partIds.slice(0, 2) }));
    expect(short.status).toBe(400);
    expect(short.error).toMatchObject({ message: expect.stringContaining('add up to 2000 bytes') });

    const repeated = await apiError(client.uploads.complete(uploadId, { part_ids: [partIds[0] as string, ...partIds] }));
    expect(repeated.status).toBe(400);
    expect(repeated.error).toMatchObject({ message: `Part ${partIds[0]} is listed more than once in part_ids.` });

    for (const stranger of ['part_doesnotexist', other.partIds[0] as string]) {
      const unknown = await apiError(client.uploads.complete(uploadId, { part_ids: [...partIds.slice(0, 2), stranger] }));
      expect(unknown.status).toBe(400);
      expect(unknown.error).toMatchObject({ param: 'part_ids' });
    }

    const names: string[] = [];
    for await (const f of client.files.list()) names.push(f.filename);
    expect(names).not.toContain('checked.bin');
    const done = await client.uploads.complete(uploadId, { part_ids: partIds, md5: md5(content) });
    expect(Buffer.from(await (await client.files.content(done.file?.id as string)).arrayBuffer()).equals(content)).toBe(true);

    const again = await apiError(client.uploads.complete(uploadId, { part_ids: partIds }));
    expect(again.status).toBe(400);
    expect(again.error).toMatchObject({ message: `Upload ${uploadId} is already completed.` });
    await client.uploads.cancel(other.uploadId);
  });

  it('refuses a part over the part limit (413) and an Upload over the total limit (400)', async () => {
    const upload = await client.uploads.create({ filename: 'p.bin', purpose: 'assistants', bytes: PART_LIMIT + 1, mime_type: 'application/octet-stream' });
    const big = await apiError(client.uploads.parts.create(upload.id, { data: await toFile(patternBytes(PART_LIMIT + 1), 'p') }));
    expect(big.status).toBe(413);
    expect(big.error).toMatchObject({ message: `Part too large: each part may be at most ${PART_LIMIT} bytes.`, code: 'part_too_large' });
    expect(partFiles()).toEqual([]);
    expect(readdirSync(join(sandbox.dataDir, 'tmp'))).toEqual([]);

    const exact = await client.uploads.parts.create(upload.id, { data: await toFile(patternBytes(PART_LIMIT), 'p') });
    expect(exact.upload_id).toBe(upload.id);

    const tooBig = await apiError(client.uploads.create({ filename: 'x', purpose: 'assistants', bytes: UPLOAD_LIMIT + 1, mime_type: 'text/plain' }));
    expect(tooBig.status).toBe(400);
    expect(tooBig.param).toBe('bytes');
    const noMime = await apiError(client.uploads.create({ filename: 'x', purpose: 'assistants', bytes: 1 } as OpenAI.Uploads.UploadCreateParams));
    expect(noMime.param).toBe('mime_type');
    const badPurpose = await apiError(client.uploads.create({ filename: 'x', purpose: 'nope' as 'assistants', bytes: 1, mime_type: 'text/plain' }));
    expect(badPurpose.param).toBe('purpose');
    await client.uploads.cancel(upload.id);
  });

  it('cancels: parts deleted, then parts, completion and a second cancel are refused with 400', async () => {
    const { uploadId, partIds } = await uploadInParts(patternBytes(2000), 1000, 'cancelled.bin');
    expect(partFiles()).toHaveLength(2);
    const cancelled = await client.uploads.cancel(uploadId);
    expect(cancelled).toMatchObject({ id: uploadId, status: 'cancelled', file: null });
    expect(partFiles()).toEqual([]);

    for (const attempt of closedAttempts(uploadId, partIds)) {
      const err = await apiError(attempt());
      expect(err.status).toBe(400);
      expect(err.error).toMatchObject({ message: `Upload ${uploadId} was cancelled.` });
    }
  });

  it('expires after an hour: parts deleted, every operation refused with 400', async () => {
    const { uploadId, partIds } = await uploadInParts(patternBytes(2000), 1000, 'expiring.bin');
    sandbox.setClockOffset(3600 * 1000);
    for (let i = 0; i < 100 && partFiles().length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(partFiles()).toEqual([]);
    for (const attempt of closedAttempts(uploadId, partIds)) {
      const err = await apiError(attempt());
      expect(err.status).toBe(400);
      expect((err.error as { message: string }).message).toMatch(new RegExp(`^Upload ${uploadId} expired at .* create a new one\\.$`));
    }
  });

  it('scopes Uploads to the OpenAI-Project folder and 404s unknown ids', async () => {
    const folder = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, project: 'folder-u', maxRetries: 0 });
    const upload = await folder.uploads.create({ filename: 'f.txt', purpose: 'assistants', bytes: 1, mime_type: 'text/plain' });
    const elsewhere = await apiError(client.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('x'), 'p') }));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.error).toMatchObject({ message: `No such Upload object: ${upload.id}`, type: 'invalid_request_error' });
    expect((await apiError(client.uploads.cancel('upload_nope'))).status).toBe(404);
    const part = await folder.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('x'), 'p') });
    const done = await folder.uploads.complete(upload.id, { part_ids: [part.id] });
    expect((await folder.files.retrieve(done.file?.id as string)).filename).toBe('f.txt');
  });

  it('applies injected faults to the Uploads routes: 503, 429, and a reset mid-part that stores nothing', async () => {
    const upload = await client.uploads.create({ filename: 'faulty.bin', purpose: 'assistants', bytes: 40_000, mime_type: 'application/octet-stream' });
    const data = patternBytes(40_000, 9);
    sandbox.setFaults({ serverErrors: { rate: 1, count: 1 }, targets: ['openai'] });
    expect((await apiError(client.uploads.parts.create(upload.id, { data: await toFile(data, 'p') }))).status).toBe(503);
    sandbox.setFaults({ rateLimit: { rate: 1, count: 1, retryAfterSeconds: 3 }, targets: ['openai'] });
    const limited = await rejectionOf(client.uploads.complete(upload.id, { part_ids: [] }), OpenAI.RateLimitError);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');

    sandbox.setFaults({ resetAfterBytes: { bytes: 20_000, count: 1 }, targets: ['openai'] });
    await rejectionOf(client.uploads.parts.create(upload.id, { data: await toFile(data, 'p') }), OpenAI.APIConnectionError);
    for (let i = 0; i < 100 && readdirSync(join(sandbox.dataDir, 'tmp')).length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(join(sandbox.dataDir, 'tmp'))).toEqual([]);
    expect(partFiles()).toEqual([]);

    const part = await client.uploads.parts.create(upload.id, { data: await toFile(data, 'p') });
    const done = await client.uploads.complete(upload.id, { part_ids: [part.id] });
    expect(Buffer.from(await (await client.files.content(done.file?.id as string)).arrayBuffer()).equals(data)).toBe(true);
  });
});

describe('a server without /uploads (openaiUploads: false)', () => {
  it('answers every Uploads route 404 in OpenAI’s shape while Files keep working', async () => {
    const bare = await startSandbox({ apiKeys: [KEY], openaiUploads: false });
    try {
      const c = new OpenAI({ apiKey: KEY, baseURL: bare.urls.openai, maxRetries: 0 });
      const err = await apiError(c.uploads.create({ filename: 'x', purpose: 'assistants', bytes: 1, mime_type: 'text/plain' }));
      expect(err.status).toBe(404);
      expect(err.error).toMatchObject({ message: 'Not Found', type: 'invalid_request_error' });
      for (const path of ['/uploads/upload_x/parts', '/uploads/upload_x/complete', '/uploads/upload_x/cancel']) {
        const raw = await fetchJson(`${bare.urls.openai}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}` } });
        expect(raw.status).toBe(404);
      }
      expect((await c.files.create({ file: await toFile(Buffer.from('ok'), 'ok.txt'), purpose: 'assistants' })).bytes).toBe(2);
    } finally {
      await bare.close();
    }
  });
});
