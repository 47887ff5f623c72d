/**
 * VLM Run conformance: the official `vlmrun` SDK, pointed at the sandbox by base URL only,
 * through the whole lifecycle. Where the SDK has no method (purpose filter, the presigned
 * large-file path, 415) the test speaks HTTP directly, as the Python SDK and docs describe.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, VlmRun, type FileResponse } from 'vlmrun';
import { startSandbox, type RunningSandbox } from '../index';
import { fetchBytes, fetchJson, patternBytes, rejectionOf, Scratch } from '../../../test/support/sandbox-fixtures';

const KEY = 'vlm-test-key';
const LIMIT = 256 * 1024;

let sandbox: RunningSandbox;
let client: VlmRun;
const scratch = new Scratch();
const auth = { Authorization: `Bearer ${KEY}` };

const apiError = (p: Promise<unknown>) => rejectionOf(p, APIError);

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], limits: { vlmrun: LIMIT } });
  client = new VlmRun({ apiKey: KEY, baseURL: sandbox.urls.vlmrun });
});

afterAll(async () => {
  await sandbox.close();
  scratch.remove();
});

describe('vlmrun dialect through the official SDK', () => {
  it('uploads a non-ASCII name, gets it, and serves its public URL byte for byte with ranges', async () => {
    const content = patternBytes(50_000, 7);
    const path = scratch.file('résumé 日本語.pdf', content);
    const uploaded = await client.files.upload({ filePath: path, purpose: 'vision' });
    expect(uploaded).toMatchObject({ filename: 'résumé 日本語.pdf', bytes: content.length, purpose: 'vision', object: 'file' });
    expect(new Date(uploaded.created_at).toISOString()).toBe(uploaded.created_at);

    const got = (await client.files.get(uploaded.id)) as FileResponse & { public_url: string };
    expect(got.id).toBe(uploaded.id);
    const whole = await fetchBytes(got.public_url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(Number(whole.headers.get('content-length'))).toBe(content.length);
    expect(whole.body.equals(content)).toBe(true);

    const head = await fetchBytes(got.public_url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(content.length);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    const part = await fetchBytes(got.public_url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${content.length}`);
    expect(part.body.equals(content.subarray(100, 200))).toBe(true);
    const tail = await fetchBytes(got.public_url, { headers: { Range: 'bytes=-10' } });
    expect(tail.body.equals(content.subarray(content.length - 10))).toBe(true);
    const beyond = await fetchBytes(got.public_url, { headers: { Range: `bytes=${content.length}-` } });
    expect(beyond.status).toBe(416);
  });

  it('stores a 0-byte file', async () => {
    const uploaded = await client.files.upload({ filePath: scratch.file('empty.txt', ''), purpose: 'assistants' });
    expect(uploaded.bytes).toBe(0);
    const got = (await client.files.get(uploaded.id)) as FileResponse & { public_url: string };
    const body = await fetchBytes(got.public_url);
    expect(body.status).toBe(200);
    expect(body.body.length).toBe(0);
  });

  it('returns the same id for the same bytes and purpose (hash cache, SDK check and server side)', async () => {
    const content = Buffer.from('same bytes, same purpose\n');
    const a = await client.files.upload({ filePath: scratch.file('dup-a.txt', content), purpose: 'batch', checkDuplicate: false });
    const b = await client.files.upload({ filePath: scratch.file('dup-b.txt', content), purpose: 'batch', checkDuplicate: false });
    expect(b.id).toBe(a.id);
    const cached = await client.files.getCachedFile(scratch.file('dup-c.txt', content));
    expect(cached?.id).toBe(a.id);
    const viaSdk = await client.files.upload({ filePath: scratch.file('dup-d.txt', content), purpose: 'batch' });
    expect(viaSdk.id).toBe(a.id);
    const otherPurpose = await client.files.upload({ filePath: scratch.file('dup-e.txt', content), purpose: 'datasets', checkDuplicate: false });
    expect(otherPurpose.id).not.toBe(a.id);
    const md5 = createHash('md5').update('never uploaded').digest('hex');
    expect((await fetchJson(`${sandbox.urls.vlmrun}/files/hash/${md5}`, { headers: auth })).status).toBe(404);
  });

  it('lists newest first with skip/limit to the end, and filters by purpose', async () => {
    const fresh = await startSandbox({ apiKeys: [KEY] });
    try {
      const c = new VlmRun({ apiKey: KEY, baseURL: fresh.urls.vlmrun });
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const f = await c.files.upload({ filePath: scratch.file(`list-${i}.txt`, `file ${i}`), purpose: i % 2 ? 'vision' : 'assistants' });
        ids.push(f.id);
      }
      const seen: string[] = [];
      for (let skip = 0; ; skip += 3) {
        const page = await c.files.list({ skip, limit: 3 });
        seen.push(...page.map((f) => f.id));
        if (page.length < 3) break;
      }
      expect(seen).toEqual([...ids].reverse());
      const vision = await fetchJson(`${fresh.urls.vlmrun}/files?purpose=vision&limit=100`, { headers: auth });
      expect((vision.json as FileResponse[]).map((f) => f.id)).toEqual([ids[5], ids[3], ids[1]]);
    } finally {
      await fresh.close();
    }
  });

  it('deletes, after which get and the public URL answer 404', async () => {
    const f = await client.files.upload({ filePath: scratch.file('to-delete.txt', 'bye'), purpose: 'assistants' });
    const got = (await client.files.get(f.id)) as FileResponse & { public_url: string };
    await client.files.delete(f.id);
    expect((await apiError(client.files.get(f.id))).http_status).toBe(404);
    expect((await fetchBytes(got.public_url)).status).toBe(404);
  });

  it('answers errors in FastAPI shape: 401, 404, 422, 413, 415', async () => {
    const bad = new VlmRun({ apiKey: 'wrong', baseURL: sandbox.urls.vlmrun });
    const unauthorized = await apiError(bad.files.list());
    expect(unauthorized.http_status).toBe(401);
    expect(JSON.parse(unauthorized.message)).toHaveProperty('detail');

    const missing = await apiError(client.files.get('no-such-file'));
    expect(missing.http_status).toBe(404);
    expect(typeof JSON.parse(missing.message).detail).toBe('string');

    const invalid = await apiError(client.files.upload({ filePath: scratch.file('p.txt', 'x'), purpose: 'nonsense', checkDuplicate: false }));
    expect(invalid.http_status).toBe(422);
    expect(JSON.parse(invalid.message).detail[0]).toMatchObject({ loc: ['query', 'purpose'], type: 'enum', input: 'nonsense' });

    const tooBig = await apiError(client.files.upload({ filePath: scratch.file('big.bin', patternBytes(LIMIT + 1)), checkDuplicate: false }));
    expect(tooBig.http_status).toBe(413);

    const exe = await apiError(client.files.upload({ filePath: scratch.file('tool.exe', 'MZ'), checkDuplicate: false }));
    expect(exe.http_status).toBe(415);
    const listed = await client.files.list({ limit: 1000 });
    expect(listed.some((f) => f.filename === 'big.bin' || f.filename === 'tool.exe')).toBe(false);
  });

  it('takes large files through presigned-url, PUT and verify-upload', async () => {
    const content = patternBytes(100_000, 3);
    const presign = await fetchJson(`${sandbox.urls.vlmrun}/files/presigned-url`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'clip.mp4', purpose: 'vision', expiration: 600 }),
    });
    expect(presign.status).toBe(200);
    const slot = presign.json as { id: string; url: string; content_type: string };
    expect(slot.content_type).toBe('video/mp4');
    const early = await fetchJson(`${sandbox.urls.vlmrun}/files/verify-upload/${slot.id}`, { headers: auth });
    expect(early.status).toBe(400);

    // Flip the signature's first hex digit (to one it is not), so the URL always differs.
    const tampered = await fetch(slot.url.replace(/signature=(.)/, (_m, c: string) => `signature=${c === '0' ? '1' : '0'}`), { method: 'PUT', body: content });
    expect(tampered.status).toBe(403);
    const put = await fetch(slot.url, { method: 'PUT', body: content, headers: { 'Content-Type': slot.content_type } });
    expect(put.status).toBe(200);
    expect((await fetch(slot.url, { method: 'PUT', body: content })).status).toBe(409);

    const verified = await fetchJson(`${sandbox.urls.vlmrun}/files/verify-upload/${slot.id}`, { headers: auth });
    const file = verified.json as FileResponse & { public_url: string };
    expect(file).toMatchObject({ id: slot.id, filename: 'clip.mp4', bytes: content.length, purpose: 'vision' });
    expect((await fetchBytes(file.public_url)).body.equals(content)).toBe(true);
    expect((await client.files.get(slot.id)).bytes).toBe(content.length);

    const again = await fetchJson(`${sandbox.urls.vlmrun}/files/presigned-url`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'copy.mp4', purpose: 'vision' }),
    });
    const second = again.json as { id: string; url: string };
    await fetch(second.url, { method: 'PUT', body: content });
    const dedup = await fetchJson(`${sandbox.urls.vlmrun}/files/verify-upload/${second.id}`, { headers: auth });
    expect((dedup.json as FileResponse).id).toBe(slot.id);

    const overLimit = await fetchJson(`${sandbox.urls.vlmrun}/files/presigned-url`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'huge.bin' }),
    });
    const huge = await fetch((overLimit.json as { url: string }).url, { method: 'PUT', body: patternBytes(LIMIT + 10) });
    expect(huge.status).toBe(413);

    const badPurpose = await fetchJson(`${sandbox.urls.vlmrun}/files/presigned-url`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'x.pdf', purpose: 'bogus' }),
    });
    expect(badPurpose.status).toBe(422);
  });
});
