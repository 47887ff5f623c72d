/**
 * URLs a provider hands back are fetched (and PUT to) by main only where they may lead: http(s),
 * and for a workspace not on this computer only public addresses. A real proxy in front of the
 * sandbox rewrites VLM Run's `public_url` and presigned upload `url` and LlamaCloud's content URL
 * to hostile targets; the adapters run in "remote workspace" mode (injected, since this machine
 * has no DNS for a remote base URL). A loopback catcher server proves nothing reached the target.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import type { HandedUrlMode } from '../net/handed-urls';
import { adapterFor, bufferSource, patternBytes, Scratch, startProxy, startTestSandbox } from '../../../test/support/services';
import type { ProviderAdapter } from './types';
import { PRESIGNED_THRESHOLD } from './vlmrun';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let catcher: Server;
let catcherUrl = '';
/** Requests that reached the catcher (a stand-in for a service inside the network). */
const caught: string[] = [];
let largePath = '';
const LARGE = PRESIGNED_THRESHOLD + 1024;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  catcher = createServer((req, res) => {
    caught.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('caught'));
  });
  await new Promise<void>((ok) => catcher.listen(0, '127.0.0.1', ok));
  catcherUrl = `http://127.0.0.1:${(catcher.address() as AddressInfo).port}`;
  largePath = scratch.file('large.bin', patternBytes(LARGE, 5));
});

afterAll(async () => {
  catcher.closeAllConnections();
  await new Promise<void>((ok) => catcher.close(() => ok()));
  await sandbox.close();
  await http.close();
  scratch.remove();
});

const catcherByName = () => catcherUrl.replace('127.0.0.1', 'localhost');

/** Hostile targets, with the words the refusal must use. */
const HOSTILE: [string, () => string, RegExp][] = [
  ['javascript:', () => 'javascript:alert(document.domain)', /not a web address \(javascript:\)/],
  ['file:', () => 'file:///etc/passwd', /not a web address \(file:\)/],
  ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', /inside your network \(169\.254\.169\.254\)/],
  ['a private address', () => 'http://10.0.0.1/bucket/object', /inside your network \(10\.0\.0\.1\)/],
  ['this computer by address', () => `${catcherUrl}/grab`, /on this computer \(127\.0\.0\.1\)/],
  ['this computer by name', () => `${catcherByName()}/grab`, /on this computer \((127\.0\.0\.1|::1)\)/],
  ['an IPv6 loopback literal', () => 'http://[::1]:9/grab', /on this computer \(::1\)/],
];

function small(name: string): string {
  return scratch.file(`${Date.now()}-${Math.random()}-${name}`, Buffer.from(`bytes of ${name}`));
}

function uploadLarge(adapter: ProviderAdapter) {
  return adapter.upload({ file: bufferSource(readFileSync(largePath)), name: 'large.bin', purpose: 'datasets', contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined });
}

async function uploadSmall(adapter: ProviderAdapter, purpose: string) {
  return adapter.upload({ file: bufferSource(readFileSync(small('doc.txt'))), name: 'doc.txt', purpose, contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });
}

/** A proxy that swaps one JSON field for `target()` on the answers `match` picks. */
async function rewriting(base: string, match: (method: string, url: URL) => boolean, field: string, target: () => string) {
  return startProxy(base, {
    transformJson: (method, url, body) => (match(method, url) && body && typeof body === 'object' && field in body ? { ...body, [field]: target() } : body),
  });
}

describe.each(HOSTILE)('a handed-back URL to %s in a remote workspace', (_label, target, words) => {
  const remote: HandedUrlMode = 'remote';

  it('VLM Run: the presigned upload slot gets no bytes', async () => {
    const proxy = await rewriting(sandbox.urls.vlmrun, (m, u) => m === 'POST' && u.pathname.endsWith('/presigned-url'), 'url', target);
    const before = caught.length;
    try {
      const upload = uploadLarge(adapterFor('vlmrun', proxy.url, http, { handedUrls: remote }));
      await expect(upload).rejects.toMatchObject({ code: 'server_error', message: expect.stringMatching(/^VLM Run handed back an upload address/) });
      await expect(upload).rejects.toThrow(words);
      await expect(upload).rejects.toThrow(/Stowage did not send the file there\./);
      expect(caught.slice(before)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('VLM Run: the public URL is neither fetched by main nor given to the preview pane', async () => {
    const proxy = await rewriting(sandbox.urls.vlmrun, (m, u) => m === 'GET' && u.searchParams.get('generate_public_url') === 'true', 'public_url', target);
    const before = caught.length;
    try {
      const adapter = adapterFor('vlmrun', proxy.url, http, { handedUrls: remote });
      const file = await uploadSmall(adapter, 'assistants');
      await expect(adapter.openContent(file.id, {})).rejects.toThrow(words);
      await expect(adapter.openContent(file.id, {})).rejects.toThrow(/^VLM Run handed back a download address .* Stowage did not fetch anything from there\./);
      const preview = adapter.previewTarget(file.id);
      if (target().startsWith('http')) await expect(preview).rejects.toThrow(words);
      else await expect(preview).resolves.toEqual({ kind: 'none' });
      expect(caught.slice(before)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('LlamaCloud: the presigned content URL is neither fetched nor previewed', async () => {
    const proxy = await rewriting(sandbox.urls.llamacloud, (m, u) => m === 'GET' && u.pathname.endsWith('/content'), 'url', target);
    const before = caught.length;
    try {
      const adapter = adapterFor('llamacloud', proxy.url, http, { handedUrls: remote });
      const file = await uploadSmall(adapter, 'parse');
      await expect(adapter.openContent(file.id, {})).rejects.toThrow(words);
      await expect(adapter.openContent(file.id, {})).rejects.toMatchObject({ code: 'server_error', message: expect.stringMatching(/^LlamaCloud handed back a download address/) });
      if (target().startsWith('http')) await expect(adapter.previewTarget(file.id)).rejects.toThrow(words);
      expect(caught.slice(before)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('a workspace on this computer', () => {
  it('follows URLs back to this computer, as the local sandbox needs', async () => {
    const proxy = await rewriting(sandbox.urls.vlmrun, (m, u) => m === 'GET' && u.searchParams.get('generate_public_url') === 'true', 'public_url', () => `${catcherByName()}/local`);
    const before = caught.length;
    try {
      const adapter = adapterFor('vlmrun', proxy.url, http);
      const file = await uploadSmall(adapter, 'assistants');
      const res = await adapter.openContent(file.id, {});
      expect(await res.body.text()).toBe('caught');
      expect(caught.slice(before)).toEqual(['GET /local']);
    } finally {
      await proxy.close();
    }
  });
});
