import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox';
import { HttpClient } from '../services/net/client';
import { PreviewServer } from '../services/files/preview-server';
import type { Connection } from '../services/workspaces/workspace-service';
import { adapterFor, bufferSource, startInProcess, TEST_KEY } from '../../test/support/services';
import { composeServices, type Composed } from './compose';

/**
 * Two threats from docs/security.md, proven against the real servers: a web page in the
 * operator's browser probing the loopback ports Stowage listens on (the Local sandbox and the
 * preview proxy), and another user of the same computer (who can reach loopback too, and the disk).
 * A browser sends such a page's requests with its own Origin and cannot add the key; what comes
 * back must be a refusal the page cannot read, and nothing may be stored or served.
 */
const root = mkdtempSync(join(tmpdir(), 'stowage-boundaries-'));
const dataDir = join(root, 'fresh', 'Stowage');
const http = new HttpClient();
const EVIL = { origin: 'https://evil.example' };
let composed: Composed;
let sandbox: { vlmrun: string; admin: string; apiKey: string };

beforeAll(async () => {
  composed = await composeServices({
    appInfo: { name: 'Stowage', version: 'test', platform: process.platform },
    platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
    dataDir,
    emit: () => undefined,
    startSandbox: startInProcess,
  });
  const { baseUrl, apiKey } = await composed.sandbox.ensure();
  sandbox = { vlmrun: baseUrl, admin: composed.sandbox.running!.urls.admin, apiKey };
});

afterAll(async () => {
  await composed.dispose();
  await http.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a web page probing the Local sandbox on loopback', () => {
  it('cannot list, upload, seed or steer faults without the key, and gets no CORS grant to read the refusal', async () => {
    const form = new FormData();
    form.append('file', new Blob(['planted by a web page']), 'planted.txt');
    const probes = await Promise.all([
      fetch(`${sandbox.vlmrun}/files`, { headers: EVIL }),
      fetch(`${sandbox.vlmrun}/files?purpose=assistants`, { method: 'POST', headers: EVIL, body: form }),
      fetch(`${sandbox.vlmrun}/_sandbox/seed`, { method: 'POST', headers: { ...EVIL, 'content-type': 'text/plain' }, body: '{"count":5}' }),
      fetch(`${sandbox.admin}/faults`, { method: 'PUT', headers: { ...EVIL, 'content-type': 'text/plain' }, body: '{"serverErrors":{"rate":1}}' }),
      fetch(`${sandbox.vlmrun}/files`, { method: 'OPTIONS', headers: { ...EVIL, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } }),
    ]);
    expect(probes.slice(0, 4).map((r) => r.status)).toEqual([401, 401, 401, 401]);
    for (const probe of probes) {
      expect(probe.headers.get('access-control-allow-origin')).toBeNull();
      expect(probe.headers.get('access-control-allow-headers')).toBeNull();
    }
    const stored = await adapterFor('vlmrun', sandbox.vlmrun, http, { apiKey: sandbox.apiKey }).listPage({ position: { offset: 0 }, limit: 100, purpose: null, createdOrder: 'desc' });
    expect(stored.files).toEqual([]);
  });

  it('cannot fetch a stored file through a public link whose signature it made up', async () => {
    const adapter = adapterFor('vlmrun', sandbox.vlmrun, http, { apiKey: sandbox.apiKey });
    const file = await adapter.upload({ file: bufferSource(Buffer.from('operator data')), name: 'private.txt', purpose: 'assistants', contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });
    const target = await adapter.previewTarget(file.id);
    if (target.kind !== 'url') throw new Error('the sandbox hands out public links');
    const forged = new URL(target.url);
    forged.searchParams.set('signature', '0'.repeat(64));
    const answer = await fetch(forged, { headers: EVIL });
    expect(answer.status).toBe(403);
    expect(await answer.text()).not.toContain('operator data');
  });
});

describe('a web page probing the preview proxy on loopback', () => {
  it('gets nothing for a made-up link, while the link the window was given serves the file', async () => {
    const local = await startSandbox({ apiKeys: [TEST_KEY] });
    const adapter = adapterFor('openai', local.urls.openai, http);
    const connect = async (): Promise<Connection> => ({ workspace: { id: 'w', name: 'w', provider: 'openai', baseUrl: '', projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false }, adapter, secret: TEST_KEY });
    const previews = new PreviewServer(connect);
    try {
      const file = await adapter.upload({ file: bufferSource(Buffer.from('quarterly numbers')), name: 'q.txt', purpose: 'user_data', contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });
      const link = await previews.link('w', file.id, 'text/plain', 'q.txt');
      const guessed = link.replace(/\/preview\/[^/]+\//, `/preview/${'A'.repeat(32)}/`);
      const probe = await fetch(guessed, { headers: EVIL });
      expect(probe.status).toBe(404);
      expect(await probe.text()).toBe('This preview link has expired. Open the preview again.');
      expect(probe.headers.get('access-control-allow-origin')).toBeNull();
      expect(await (await fetch(link)).text()).toBe('quarterly numbers');
    } finally {
      await previews.close();
      await local.close();
    }
  });
});

describe('another user of the same computer', () => {
  it('cannot read the data folder: it is created owner-only', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('an existing data folder open to others is closed when the app starts', async () => {
    const open = join(root, 'was-open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    const again = await composeServices({
      appInfo: { name: 'Stowage', version: 'test', platform: process.platform },
      platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
      dataDir: open,
      emit: () => undefined,
      startSandbox: startInProcess,
    });
    await again.dispose();
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });
});
