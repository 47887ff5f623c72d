import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkSandbox } from '../../sandbox/fork-host';
import { LocalSandbox } from './local-sandbox';

const dataDir = mkdtempSync(join(tmpdir(), 'stowage-local-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded Local sandbox in a child process', () => {
  it('starts once on a loopback port with a key only this process knows, keeps files across restarts, and stops', async () => {
    const first = new LocalSandbox(forkSandbox(), dataDir);
    const [a, b] = await Promise.all([first.ensure(), first.ensure()]);
    expect(a).toEqual(b);
    expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vlmrun\/v1$/);
    expect(a.apiKey).toMatch(/^[0-9a-f]{64}$/);
    const auth = { authorization: `Bearer ${a.apiKey}` };
    expect((await fetch(`${a.baseUrl}/files`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const form = new FormData();
    form.append('file', new Blob(['kept']), 'kept.txt');
    expect((await fetch(`${a.baseUrl}/files?purpose=assistants`, { method: 'POST', headers: auth, body: form })).status).toBe(201);
    const admin = first.running!;
    expect((await fetch(`${admin.urls.admin}/faults`, { headers: { authorization: `Bearer ${admin.adminToken}` } })).status).toBe(200);
    await first.close();
    await expect(fetch(`${a.baseUrl}/files`, { headers: auth })).rejects.toThrow();

    const second = new LocalSandbox(forkSandbox(), dataDir);
    const again = await second.ensure();
    expect(again.apiKey).not.toBe(a.apiKey);
    const files = (await (await fetch(`${again.baseUrl}/files`, { headers: { authorization: `Bearer ${again.apiKey}` } })).json()) as { filename: string }[];
    expect(files.map((f) => f.filename)).toEqual(['kept.txt']);
    await second.close();
  });

  it('says plainly when the sandbox cannot start', async () => {
    const broken = new LocalSandbox(async () => {
      throw new Error('port in use');
    }, dataDir);
    await expect(broken.ensure()).rejects.toThrow(/could not be started/);
  });
});
