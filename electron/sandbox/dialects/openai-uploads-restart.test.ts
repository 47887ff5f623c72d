/**
 * Uploads across restarts: a pending Upload and its parts outlive the process (even kill -9 in
 * the middle of a part), and the start-up cleanup removes exactly what can no longer be used:
 * half-received parts, part files without a row, parts of ended Uploads, parts of expired ones.
 * Also the CLI's switches for the Uploads limits and for a server without `/uploads`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSandboxCli, type SandboxChild } from '../child';
import { startSandbox } from '../index';
import { openDatabase } from '../../lib/sqlite';
import { fetchJson, patternBytes, rejectionOf } from '../../../test/support/sandbox-fixtures';

const KEY = 'sk-uploads-restart-key';
const PART_LIMIT = 256 * 1024;
const dirs: string[] = [];
const children: SandboxChild[] = [];

afterAll(async () => {
  for (const c of children) await c.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-uploads-restart-'));
  dirs.push(dir);
  return dir;
}

async function cli(args: string[]): Promise<{ child: SandboxChild; client: OpenAI }> {
  const child = await spawnSandboxCli(['--port', '0', '--api-key', KEY, ...args]);
  children.push(child);
  return { child, client: new OpenAI({ apiKey: KEY, baseURL: child.urls.openai, maxRetries: 0 }) };
}

/** Starts sending a part whose body declares `declared` bytes, sends `sent` of them, and stalls. */
function stalledPart(baseUrl: string, uploadId: string, declared: number, sent: number): void {
  const boundary = 'stalled-part';
  const req = request(`${baseUrl}/uploads/${uploadId}/parts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': declared },
  });
  req.on('error', () => undefined);
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="part"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  req.write(Buffer.alloc(sent, 5));
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

const content = patternBytes(3 * 1000, 21);
const chunk = (i: number) => content.subarray(i * 1000, (i + 1) * 1000);

describe('uploads across restarts', () => {
  it('keeps a pending Upload and its parts through kill -9 mid-part; the half part is gone', async () => {
    const dataDir = scratchDir();
    const args = ['--data-dir', dataDir, '--limit', `openaiUploadPart=${PART_LIMIT}`, '--limit', 'openaiUpload=1000000'];
    const first = await cli(args);
    const upload = await first.client.uploads.create({ filename: 'resumed.bin', purpose: 'assistants', bytes: content.length, mime_type: 'application/octet-stream' });
    const a = await first.client.uploads.parts.create(upload.id, { data: await toFile(chunk(0), 'a') });
    const b = await first.client.uploads.parts.create(upload.id, { data: await toFile(chunk(1), 'b') });

    const tmp = join(dataDir, 'tmp');
    stalledPart(first.child.urls.openai, upload.id, PART_LIMIT, PART_LIMIT / 2);
    await waitFor(() => readdirSync(tmp).some((f) => f.endsWith('.part') && statSync(join(tmp, f)).size > 0));
    first.child.child.kill('SIGKILL');
    await first.child.stop();

    const second = await cli(args);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(join(dataDir, 'upload-parts')).sort()).toEqual([a.id, b.id].sort());
    const c = await second.client.uploads.parts.create(upload.id, { data: await toFile(chunk(2), 'c') });
    const done = await second.client.uploads.complete(upload.id, { part_ids: [a.id, b.id, c.id] });
    expect(Buffer.from(await (await second.client.files.content(done.file?.id as string)).arrayBuffer()).equals(content)).toBe(true);

    const tooBigPart = await rejectionOf(
      second.client.uploads.parts.create(
        (await second.client.uploads.create({ filename: 'x', purpose: 'assistants', bytes: 1, mime_type: 'text/plain' })).id,
        { data: await toFile(patternBytes(PART_LIMIT + 1), 'big') },
      ),
      OpenAI.APIError,
    );
    expect(tooBigPart.status).toBe(413);
    const tooBigUpload = await rejectionOf(second.client.uploads.create({ filename: 'x', purpose: 'assistants', bytes: 1_000_001, mime_type: 'text/plain' }), OpenAI.APIError);
    expect(tooBigUpload.param).toBe('bytes');
  });

  it('cleans at start: parts of expired and ended Uploads and orphan part files go, pending parts stay', async () => {
    const dataDir = scratchDir();
    const first = await startSandbox({ apiKeys: [KEY], dataDir });
    const client = new OpenAI({ apiKey: KEY, baseURL: first.urls.openai, maxRetries: 0 });
    const create = () => client.uploads.create({ filename: 'f.bin', purpose: 'assistants', bytes: content.length, mime_type: 'application/octet-stream' });
    const kept = await create();
    const keptParts = [
      await client.uploads.parts.create(kept.id, { data: await toFile(chunk(0), 'a') }),
      await client.uploads.parts.create(kept.id, { data: await toFile(chunk(1), 'b') }),
    ];
    const expiring = await create();
    await client.uploads.parts.create(expiring.id, { data: await toFile(chunk(0), 'a') });
    const cancelled = await create();
    await first.close();

    const db = await openDatabase(join(dataDir, 'sandbox.sqlite'));
    db.prepare('UPDATE openai_uploads SET expires_at = 0 WHERE id = ?').run(expiring.id);
    db.prepare(`UPDATE openai_uploads SET status = 'cancelled' WHERE id = ?`).run(cancelled.id);
    db.prepare('INSERT INTO openai_upload_parts (id, upload_id, bytes, created_at) VALUES (?, ?, 4, 0)').run('part_leftover', cancelled.id);
    db.close();
    const partsDir = join(dataDir, 'upload-parts');
    writeFileSync(join(partsDir, 'part_leftover'), 'left');
    writeFileSync(join(partsDir, 'part_orphan'), 'renamed but never recorded');

    const second = await startSandbox({ apiKeys: [KEY], dataDir });
    try {
      expect(readdirSync(partsDir).sort()).toEqual(keptParts.map((p) => p.id).sort());
      const again = new OpenAI({ apiKey: KEY, baseURL: second.urls.openai, maxRetries: 0 });
      const expired = await rejectionOf(again.uploads.cancel(expiring.id), OpenAI.APIError);
      expect(expired.status).toBe(400);
      expect((expired.error as { message: string }).message).toMatch(/expired at/);
      const last = await again.uploads.parts.create(kept.id, { data: await toFile(chunk(2), 'c') });
      const done = await again.uploads.complete(kept.id, { part_ids: [...keptParts.map((p) => p.id), last.id] });
      expect(done.file?.bytes).toBe(content.length);
    } finally {
      await second.close();
    }
  });

  it('--no-openai-uploads answers /uploads with 404', async () => {
    const { child } = await cli(['--no-openai-uploads']);
    const res = await fetchJson(`${child.urls.openai}/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'x', purpose: 'assistants', bytes: 1, mime_type: 'text/plain' }),
    });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { message: 'Not Found' } });
    await child.stop();
  });
});
