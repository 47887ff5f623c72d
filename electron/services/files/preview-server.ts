import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { contentHeaders } from '../../lib/content-safety';
import type { Connection } from '../workspaces/workspace-service';

interface Ticket {
  workspaceId: string;
  fileId: string;
  contentType: string | null;
  name: string;
  expiresAt: number;
}

/** How long a preview link works; long enough to watch a clip, short enough to be worthless later. */
export const PREVIEW_TTL_MS = 10 * 60_000;

const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/**
 * For providers with no public URL (OpenAI-compatible), previews need the key. Main fetches the
 * bytes with the key and serves them on loopback under a random, expiring path, so the window
 * gets a plain URL for an <img>/<video>/<iframe> and never sees the key. Range requests are
 * passed through so audio and video can seek.
 */
export class PreviewServer {
  private server: Server | null = null;
  private origin: Promise<string> | null = null;
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly connect: (workspaceId: string) => Promise<Connection>) {}

  private start(): Promise<string> {
    this.origin ??= new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        void this.serve(req.method ?? 'GET', req.url ?? '/', req.headers.range, res).catch(() => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' }).end('The provider could not send this file. Try the preview again.');
          else res.destroy();
        });
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      this.server = server;
    });
    return this.origin;
  }

  /** A key-less URL that serves this file's bytes for the next few minutes. */
  async link(workspaceId: string, fileId: string, contentType: string | null, name: string): Promise<string> {
    const origin = await this.start();
    const now = Date.now();
    for (const [token, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.tickets.set(token, { workspaceId, fileId, contentType, name, expiresAt: now + PREVIEW_TTL_MS });
    return `${origin}/preview/${token}/${encodeURIComponent(name)}`;
  }

  private async serve(method: string, path: string, range: string | undefined, res: ServerResponse): Promise<void> {
    const token = /^\/preview\/([A-Za-z0-9_-]+)(?:\/|$)/.exec(path)?.[1];
    const ticket = token ? this.tickets.get(token) : undefined;
    if ((method !== 'GET' && method !== 'HEAD') || !ticket || ticket.expiresAt <= Date.now()) {
      res.writeHead(404, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' }).end('This preview link has expired. Open the preview again.');
      return;
    }
    const { adapter } = await this.connect(ticket.workspaceId);
    const upstream = await adapter.openContent(ticket.fileId, { range });
    // Labelled by the MIME essence alone, exactly as the sandbox labels what it serves: a
    // malformed or listed upstream type (`text/plain, text/html`) is not inert, so it gets the
    // sandboxing CSP and `attachment` and cannot run script on this origin.
    const headers: Record<string, string> = {
      ...contentHeaders(ticket.contentType ?? upstream.headers['content-type'] ?? '', ticket.name),
      'Cache-Control': 'no-store',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers[name];
      if (value) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    if (method === 'HEAD') {
      upstream.body.destroy();
      res.end();
      return;
    }
    await pipeline(upstream.body, res);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.origin = null;
    this.tickets.clear();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
