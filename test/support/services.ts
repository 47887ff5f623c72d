/**
 * Fixtures for the services' tests: a real sandbox on loopback, adapters for each dialect, a
 * scratch folder, and a small real proxy that can make a server misbehave in ways the sandbox
 * does not offer (ignore a filter, lack an endpoint, hand out a non-web URL). No HTTP is mocked.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROVIDERS, type ProviderKind } from '../../shared/models/providers';
import { startSandbox, type FaultConfig, type RunningSandbox, type SandboxLimits } from '../../electron/sandbox';
import type { HttpClient } from '../../electron/services/net/client';
import type { HandedUrlMode } from '../../electron/services/net/handed-urls';
import type { StartSandbox } from '../../electron/services/local-sandbox/local-sandbox';
import { createAdapter, type ProviderAdapter } from '../../electron/services/providers';
import type { FileSource } from '../../electron/services/providers/types';

export { patternBytes, Scratch } from './sandbox-fixtures';

export const TEST_KEY = 'sk-test-7f3c9a1e5b2d4f6a8c0e2b4d6f8a0c2e';

export function startTestSandbox(options: { faults?: FaultConfig; limits?: Partial<SandboxLimits>; openaiUploads?: boolean } = {}): Promise<RunningSandbox> {
  return startSandbox({ apiKeys: [TEST_KEY], faults: options.faults, limits: options.limits, openaiUploads: options.openaiUploads });
}

/**
 * The Local sandbox port served in this process (a fresh temp store, only `apiKey` accepted).
 * It has no process of its own, so it never exits by itself.
 */
export const startInProcess: StartSandbox = async ({ apiKey }) => ({
  ...(await startSandbox({ apiKeys: [apiKey] })),
  exited: new Promise<never>(() => undefined),
});

/** The sandbox base URL a provider kind talks to. */
export function baseUrlFor(sandbox: RunningSandbox, kind: ProviderKind): string {
  const dialect = PROVIDERS[kind].dialect;
  return sandbox.urls[dialect];
}

export function adapterFor(
  kind: ProviderKind,
  baseUrl: string,
  http: HttpClient,
  extra: { apiKey?: string; projectId?: string | null; folderId?: string | null; handedUrls?: HandedUrlMode } = {},
): ProviderAdapter {
  return createAdapter({
    info: PROVIDERS[kind],
    baseUrl,
    apiKey: extra.apiKey ?? TEST_KEY,
    projectId: extra.projectId ?? null,
    folderId: extra.folderId ?? null,
    http,
    handedUrls: extra.handedUrls,
  });
}

/**
 * Bytes in memory as an upload's source, for the adapters' own tests (the uploader's reading of
 * real files from one descriptor is tested through the queue). Yields in 1 MiB pieces.
 */
export function bufferSource(content: Buffer): FileSource {
  return {
    bytes: content.length,
    async *chunks() {
      for (let at = 0; at < content.length; at += 1024 * 1024) yield content.subarray(at, at + 1024 * 1024);
    },
  };
}

export interface ProxyRules {
  /** Rewrite the path+query before forwarding; return null to answer 404 instead. */
  rewrite?(method: string, url: URL): URL | null;
  /** Rewrite a JSON answer body. */
  transformJson?(method: string, url: URL, body: unknown): unknown;
  /** Rewrite the headers of a non-JSON answer (e.g. serve stored bytes with a hostile Content-Type). */
  transformHeaders?(method: string, url: URL, headers: IncomingMessage['headers']): IncomingMessage['headers'];
  /**
   * Answer in the server's place, without forwarding: a canned status, headers and body, or
   * 'stall' to read the request and never answer. Null forwards as usual.
   */
  answer?(method: string, url: URL): CannedAnswer | 'stall' | null;
}

/** A response the proxy sends instead of the server's. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** One request that went through the proxy, as the server side saw it. */
export interface Exchange {
  method: string;
  /** Path and query as forwarded. */
  path: string;
  /** Request body bytes that passed the proxy (all of them, also when the connection broke). */
  bytes: number;
  /** The first 64 KiB of the request body, for small JSON bodies. */
  head: Buffer;
  /** The answer's status, or null while open or when the connection broke without one. */
  status: number | null;
  startedAt: number;
  endedAt: number | null;
}

/** A running proxy and every request it forwarded, in arrival order. */
export interface RunningProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** A real loopback proxy in front of the sandbox that applies `rules` and records each exchange. */
export async function startProxy(target: string, rules: ProxyRules = {}): Promise<RunningProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const incoming = new URL(req.url ?? '/', upstream.origin);
    const exchange: Exchange = { method: req.method ?? 'GET', path: incoming.pathname + incoming.search, bytes: 0, head: Buffer.alloc(0), status: null, startedAt: Date.now(), endedAt: null };
    exchanges.push(exchange);
    req.on('data', (chunk: Buffer) => {
      exchange.bytes += chunk.length;
      if (exchange.head.length < 64 * 1024) exchange.head = Buffer.concat([exchange.head, chunk.subarray(0, 64 * 1024 - exchange.head.length)]);
    });
    res.on('close', () => {
      exchange.endedAt = Date.now();
      if (res.writableFinished) exchange.status = res.statusCode;
    });
    const url = rules.rewrite ? rules.rewrite(req.method ?? 'GET', incoming) : incoming;
    if (!url) {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'Not Found' }));
      return;
    }
    const canned = rules.answer?.(req.method ?? 'GET', url) ?? null;
    if (canned) {
      req.resume();
      if (canned !== 'stall') req.on('end', () => res.writeHead(canned.status, canned.headers).end(canned.body));
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: url.pathname + url.search, headers: { ...req.headers, host: upstream.host } },
      (answer: IncomingMessage) => {
        const json = (answer.headers['content-type'] ?? '').includes('json') && rules.transformJson;
        if (!json) {
          res.writeHead(answer.statusCode ?? 502, rules.transformHeaders ? rules.transformHeaders(req.method ?? 'GET', url, { ...answer.headers }) : answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = JSON.stringify(rules.transformJson?.(req.method ?? 'GET', url, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Seeds `count` small files through the sandbox's bulk seed route of a dialect. */
export async function seed(baseUrl: string, count: number, purposes?: string[], start = 0): Promise<void> {
  const res = await fetch(`${baseUrl}/_sandbox/seed`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count, start, purposes }),
  });
  if (!res.ok) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
}
