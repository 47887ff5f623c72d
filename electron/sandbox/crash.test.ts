/**
 * Crash safety and the CLI contract, with the sandbox in its own process: kill -9 it in the
 * middle of an upload, start it again on the same data dir, and the store holds exactly the
 * files that had completed, with no partial temp file and no orphan blob left behind.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { VlmRun } from 'vlmrun';
import { spawnSandboxCli, type SandboxChild } from './child';

const KEY = 'crash-key';
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-sandbox-crash-'));
const children: SandboxChild[] = [];

afterAll(async () => {
  for (const c of children) await c.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<SandboxChild> {
  const c = await spawnSandboxCli(['--port', '0', '--data-dir', dataDir, '--api-key', KEY]);
  children.push(c);
  return c;
}

/** Starts a multipart upload that sends `sent` bytes of its file and then stalls (never ends). */
function stalledUpload(baseUrl: string, sent: number): void {
  const boundary = 'crash-boundary';
  const req = request(`${baseUrl}/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': 100 * 1024 * 1024 },
  });
  req.on('error', () => undefined);
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n`);
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="partial.bin"\r\n\r\n`);
  req.write(Buffer.alloc(sent, 7));
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('sandbox process', () => {
  it('prints exactly one base URL per dialect, each usable by its official SDK', async () => {
    const c = await start();
    expect(c.lines).toHaveLength(3);
    expect(c.lines[0]).toMatch(/^vlmrun http:\/\/127\.0\.0\.1:\d+\/vlmrun\/v1$/);
    expect(c.lines[1]).toMatch(/^openai http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
    expect(c.lines[2]).toMatch(/^llamacloud http:\/\/127\.0\.0\.1:\d+\/llamacloud$/);
    expect(await new VlmRun({ apiKey: KEY, baseURL: c.urls.vlmrun }).files.list()).toEqual([]);
    await c.stop();
  });

  it('survives kill -9 mid-upload: only complete files are listed, temp files and orphans are gone', async () => {
    const first = await start();
    const openai = new OpenAI({ apiKey: KEY, baseURL: first.urls.openai, maxRetries: 0 });
    const kept = await openai.files.create({ file: await toFile(Buffer.from('complete before the crash'), 'kept.txt'), purpose: 'assistants' });

    const tmp = join(dataDir, 'tmp');
    stalledUpload(first.urls.openai, 3 * 1024 * 1024);
    await waitFor(() => readdirSync(tmp).some((f) => f.endsWith('.part') && statSync(join(tmp, f)).size > 0));
    first.child.kill('SIGKILL');
    await first.stop();
    expect(readdirSync(tmp).length).toBeGreaterThan(0);
    writeFileSync(join(dataDir, 'blobs', 'orphan-without-row'), 'renamed but never inserted');

    const second = await start();
    const again = new OpenAI({ apiKey: KEY, baseURL: second.urls.openai, maxRetries: 0 });
    const names: string[] = [];
    for await (const f of again.files.list()) names.push(f.filename);
    expect(names).toEqual(['kept.txt']);
    expect(Buffer.from(await (await again.files.content(kept.id)).arrayBuffer()).toString()).toBe('complete before the crash');
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(join(dataDir, 'blobs'))).toEqual([kept.id]);
  });
});
