import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function decodePath(urlPath: string): string | undefined {
  try {
    return decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return undefined;
  }
}

/** Serves one file of the built renderer, refusing anything outside its folder. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, transformHtml: (html: string) => string): Promise<void> {
  const decoded = decodePath(urlPath);
  if (decoded === undefined) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad percent-encoding in the path');
    return;
  }
  const file = join(root, normalize(decoded).replace(/^([/\\])+/, ''));
  if (!file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(type.startsWith('text/html') ? transformHtml(body.toString('utf8')) : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}
