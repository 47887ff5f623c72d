/**
 * The preview proxy serves a provider's bytes on loopback, where the preview pane loads them. It
 * labels them by the MIME essence alone, the same way the sandbox does (electron/lib/
 * content-safety.ts): a malformed, listed or unknown upstream type gets the sandboxing CSP,
 * nosniff and `attachment`, so a provider's HTML cannot run script on the proxy's origin. Only a
 * short list of inert types stays inline, PDF among them (Chromium will not run its PDF viewer in
 * a sandboxed frame; the pane's frame is cross-origin instead).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { adapterFor, bufferSource, Scratch, startProxy, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { PreviewServer } from './preview-server';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let previews: PreviewServer;
let proxy: { url: string; close(): Promise<void> };
let adapter: ProviderAdapter;
/** The Content-Type the misbehaving provider declares for the next `/content` answer. */
let upstreamType = 'application/octet-stream';

async function connect(id: string): Promise<Connection> {
  return { workspace: { id, name: id, provider: 'openai', baseUrl: proxy.url, projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false }, adapter, secret: TEST_KEY };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  proxy = await startProxy(sandbox.urls.openai, {
    transformHeaders: (_method, url, headers) => (url.pathname.endsWith('/content') ? { ...headers, 'content-type': upstreamType } : headers),
  });
  adapter = adapterFor('openai', proxy.url, http);
  previews = new PreviewServer(connect);
});

afterAll(async () => {
  await previews.close();
  await proxy.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let uploads = 0;

/** Stores `<script>` bytes under `name` and opens its proxy link with the provider declaring `declared`. */
async function served(name: string, declared: string, typeFromName: string | null): Promise<Response> {
  uploads += 1;
  const bytes = Buffer.from(`<script>alert(${uploads})</script>`);
  const file = await adapter.upload({ file: bufferSource(bytes), name, purpose: 'user_data', contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined });
  upstreamType = declared;
  return fetch(await previews.link('ws', file.id, typeFromName, name));
}

function expectSandboxed(res: Response, type: string): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
}

function expectInline(res: Response, type: string): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toBeNull();
  expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
}

describe('the preview proxy labels what it serves by MIME essence', () => {
  it.each([
    ['text/plain, text/html', 'application/octet-stream'],
    ['text/plain,text/html', 'application/octet-stream'],
    ['TEXT/HTML; charset=utf-8', 'text/html'],
    ['text/csvx', 'text/csvx'],
    ['application/jsonp', 'application/jsonp'],
    ['image/svg+xml', 'image/svg+xml'],
    ['video/x-unheard-of', 'video/x-unheard-of'],
    ['garbage', 'application/octet-stream'],
  ])('serves an upstream %j as a sandboxed %s attachment', async (declared, type) => {
    expectSandboxed(await served('blob', declared, null), type);
  });

  it.each([
    ['text/plain; charset=utf-8', 'text/plain'],
    ['IMAGE/PNG', 'image/png'],
    ['application/json', 'application/json'],
    ['video/mp4', 'video/mp4'],
  ])('serves an upstream %j inline as %s', async (declared, type) => {
    expectInline(await served('blob', declared, null), type);
  });

  it('prefers the type the name gives, and keeps a PDF inline without a CSP so the viewer works', async () => {
    expectSandboxed(await served('page.html', 'text/plain', 'text/html'), 'text/html');
    expectInline(await served('scan.pdf', 'text/html', 'application/pdf'), 'application/pdf');
  });

  it('puts the file name in the disposition encoded, so it cannot break the header', async () => {
    const res = await served('a"b;c.txt', 'text/plain', 'text/plain');
    expect(res.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''a%22b%3Bc.txt");
  });
});
