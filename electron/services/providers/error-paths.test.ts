/**
 * Every dialect's failures, through the real adapters and HTTP against the sandbox (and a tiny
 * web server that answers with an HTML error page): the words fit the operation that failed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import { AppError } from '../../../shared/errors';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { rejectionOf } from '../../../test/support/sandbox-fixtures';
import { adapterFor, baseUrlFor, bufferSource, Scratch, startTestSandbox } from '../../../test/support/services';
import type { ProviderAdapter } from './types';

let sandbox: RunningSandbox;
let htmlSite: Server;
let htmlUrl: string;
const http = new HttpClient();
const scratch = new Scratch();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  htmlSite = createServer((req, res) => {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not Found</title><h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => htmlSite.listen(0, '127.0.0.1', resolve));
  htmlUrl = `http://127.0.0.1:${(htmlSite.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => htmlSite.close(() => resolve()));
  await http.close();
  scratch.remove();
});

const firstPage = (adapter: ProviderAdapter, operation: 'list' | 'test' = 'list') =>
  adapter.listPage({ position: adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc', operation });

const message = async (promise: Promise<unknown>) => (await rejectionOf(promise, AppError)).message;

describe.each<ProviderKind>(['vlmrun', 'openai', 'yandex', 'llamacloud'])('%s', (kind) => {
  const label = PROVIDERS[kind].label;
  const origin = () => new URL(baseUrlFor(sandbox, kind)).origin;

  it('a test or a listing against the server root (404) is about the address, not a file', async () => {
    const wrong = adapterFor(kind, origin(), http);
    for (const operation of ['test', 'list'] as const) {
      const text = await message(firstPage(wrong, operation));
      expect(text).toMatch(new RegExp(`^Nothing answers at this address as an? ${label} Files API \\(HTTP 404\\)\\. Check the base URL`));
      expect(text).not.toMatch(/no such file|deleted/);
    }
  });

  it('an upload to a wrong address is about the address too', async () => {
    const wrong = adapterFor(kind, origin(), http);
    const upload = wrong.upload({ file: bufferSource(Buffer.from('hello')), name: 'note.txt', purpose: PROVIDERS[kind].defaultPurpose, contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });
    expect(await message(upload)).toMatch(new RegExp(`^Nothing answers at this address as an? ${label} Files API \\(HTTP 404\\)`));
  });

  it('a missing file (get, delete, preview) is a missing file', async () => {
    const right = adapterFor(kind, baseUrlFor(sandbox, kind), http);
    expect(await message(right.get('file-that-is-not-there'))).toMatch(new RegExp(`^${label} has no such file \\(HTTP 404\\): it may have been deleted\\. Refresh the list`));
    expect(await message(right.remove('file-that-is-not-there'))).toMatch(/no such file \(HTTP 404\): it may already have been deleted/);
    expect(await message(right.openContent('file-that-is-not-there', {}))).toMatch(/no such file \(HTTP 404\)/);
  });

  it('an HTML error page means something other than the Files API answered, whatever the operation', async () => {
    const site = adapterFor(kind, htmlUrl, http);
    expect(await message(firstPage(site))).toMatch(/^Nothing answers at this address/);
    expect(await message(site.get('abc'))).toMatch(/^Nothing answers at this address/);
  });

  it('a refused connection during a test points at the address', async () => {
    const dead = adapterFor(kind, 'http://127.0.0.1:1/v1', http);
    expect(await message(firstPage(dead, 'test'))).toMatch(/^Nothing answers at this address: Stowage could not connect to it\. Check the base URL/);
    expect(await message(dead.get('abc'))).toMatch(new RegExp(`^Stowage could not reach ${label}\\. Check your internet connection`));
  });
});
