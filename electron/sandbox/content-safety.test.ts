/**
 * Stored bytes served back (signed public links, OpenAI `/content`) must never run as a page on
 * the sandbox's origin: every response says nosniff, and anything not on a short list of inert
 * types is a sandboxed attachment. The type is judged by its MIME essence, so a stored type with
 * parameters, odd case, a list or junk cannot pass for an inert one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { openDatabase, type SqlDatabase } from '../lib/sqlite';
import { fetchBytes, fetchJson, Scratch } from '../../test/support/sandbox-fixtures';

const KEY = 'content-safety-key';
const auth = { Authorization: `Bearer ${KEY}` };
const scratch = new Scratch();
let sandbox: RunningSandbox;
let db: SqlDatabase;
let uploads = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], dataDir: join(scratch.dir, 'data') });
  db = await openDatabase(join(sandbox.dataDir, 'sandbox.sqlite'));
});

afterAll(async () => {
  db.close();
  await sandbox.close();
  scratch.remove();
});

/** Uploads through VLM Run with a declared type (distinct bytes each time: no dedup), returns id and public URL. */
async function upload(filename: string, declared: string): Promise<{ id: string; public_url: string }> {
  uploads += 1;
  const form = new FormData();
  form.append('file', new Blob([`<script>alert(${uploads})</script>`], { type: declared }), filename);
  const res = await fetchJson(`${sandbox.urls.vlmrun}/files?purpose=assistants`, { method: 'POST', headers: auth, body: form });
  expect(res.status).toBe(201);
  return res.json as { id: string; public_url: string };
}

/** Uploads, then overwrites the stored type directly, as an older version or another dialect might have stored it. */
async function uploadStoredAs(storedType: string): Promise<string> {
  const file = await upload('stored.bin', 'application/octet-stream');
  db.prepare('UPDATE files SET content_type = ? WHERE id = ?').run(storedType, file.id);
  return file.public_url;
}

const SANDBOX_CSP = /^sandbox(;|$)/;

function expectActive(headers: Headers, type: string): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-type')).toBe(type);
  expect(headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(headers.get('content-security-policy')).toMatch(SANDBOX_CSP);
  expect(headers.get('content-security-policy')).toContain("default-src 'none'");
}

function expectInert(headers: Headers, type: string): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('content-type')).toBe(type);
  expect(headers.get('content-disposition')).toMatch(/^inline;/);
}

describe('serving stored files safely', () => {
  it.each([
    ['page.html', 'text/html', 'text/html'],
    ['page.xhtml', 'application/xhtml+xml', 'application/xhtml+xml'],
    ['logo.svg', 'application/octet-stream', 'image/svg+xml'],
    ['feed.xml', 'text/xml', 'text/xml'],
    ['app.js', 'text/javascript', 'text/javascript'],
    ['blob.unknownext', 'application/octet-stream', 'application/octet-stream'],
    ['thing.dat', 'application/x-made-up', 'application/x-made-up'],
  ])('serves %s (declared %s) as a sandboxed attachment', async (name, declared, served) => {
    const file = await upload(name, declared);
    const res = await fetchBytes(file.public_url);
    expect(res.status).toBe(200);
    expectActive(res.headers, served);
  });

  it.each([
    ['text/plain, text/html', 'application/octet-stream'],
    ['text/plain,text/html', 'application/octet-stream'],
    ['Text/HTML; charset=utf-8', 'text/html'],
    ['image/svg+xml;charset=utf-8', 'image/svg+xml'],
    ['text/plain\r\nX-Injected: 1', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['image/', 'application/octet-stream'],
  ])('judges a stored type of %j by its essence and serves it as a sandboxed %s attachment', async (stored, served) => {
    const res = await fetchBytes(await uploadStoredAs(stored));
    expect(res.status).toBe(200);
    expectActive(res.headers, served);
    expect(res.headers.get('x-injected')).toBeNull();
  });

  it.each([
    ['photo.png', 'image/png', 'image/png'],
    ['scan.pdf', 'application/pdf', 'application/pdf'],
    ['notes.txt', 'text/plain; charset=utf-8', 'text/plain'],
    ['table.csv', 'text/csv', 'text/csv'],
    ['data.json', 'application/json', 'application/json'],
    ['clip.mp4', 'video/mp4', 'video/mp4'],
  ])('serves %s (declared %s) inline, with nosniff', async (name, declared, served) => {
    const file = await upload(name, declared);
    const res = await fetchBytes(file.public_url);
    expect(res.status).toBe(200);
    expectInert(res.headers, served);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('reads an inert stored type with parameters and odd case as inert', async () => {
    const res = await fetchBytes(await uploadStoredAs('IMAGE/PNG; x=y'));
    expectInert(res.headers, 'image/png');
  });

  it('applies the same rules to HEAD, ranges and the OpenAI content endpoint', async () => {
    const vlm = await upload('ranged.html', 'text/html');
    expectActive((await fetchBytes(vlm.public_url, { method: 'HEAD' })).headers, 'text/html');
    const part = await fetchBytes(vlm.public_url, { headers: { Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expectActive(part.headers, 'text/html');

    const form = new FormData();
    form.append('purpose', 'assistants');
    form.append('file', new Blob(['<svg onload="alert(1)"/>'], { type: 'image/svg+xml' }), 'x.svg');
    const created = await fetchJson(`${sandbox.urls.openai}/files`, { method: 'POST', headers: auth, body: form });
    expect(created.status).toBe(200);
    const content = await fetchBytes(`${sandbox.urls.openai}/files/${(created.json as { id: string }).id}/content`, { headers: auth });
    expect(content.status).toBe(200);
    expectActive(content.headers, 'image/svg+xml');
  });

  it('sends nosniff on JSON errors from the public surface too', async () => {
    const file = await upload('err.txt', 'text/plain');
    const tampered = await fetchBytes(file.public_url.replace(/signature=[0-9a-f]/, (m) => (m.endsWith('0') ? m.slice(0, -1) + '1' : m.slice(0, -1) + '0')));
    expect(tampered.status).toBe(403);
    expect(tampered.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
