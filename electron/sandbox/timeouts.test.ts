/**
 * Connection timeouts: a client that stalls (or trickles headers forever) is cut, while an upload
 * whose bytes keep flowing is never cut, however long it takes. Timeouts are shortened through
 * `startSandbox({ timeouts })`; every test waits for the server's own 'close', not a stopwatch.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { fetchBytes, patternBytes } from '../../test/support/sandbox-fixtures';
import { collectUntilClosed, openSocket } from '../../test/support/raw-http';

const KEY = 'timeouts-test-key';
/** Idle cut-off; every client below that must survive sends far more often than this. */
const IDLE_MS = 2_000;
const HEADERS_MS = 300;
/** Gap between the bytes of a client that is alive, a small fraction of IDLE_MS. */
const TRICKLE_MS = 40;

let sandbox: RunningSandbox;
const sockets: Socket[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY], timeouts: { idleMs: IDLE_MS, headersMs: HEADERS_MS, keepAliveMs: IDLE_MS } });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await sandbox.close();
});

async function connect(): Promise<Socket> {
  const socket = await openSocket(sandbox.port);
  sockets.push(socket);
  return socket;
}

/** Writes one byte of `text` every TRICKLE_MS until the socket closes. */
function trickle(socket: Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else socket.write(text[at++ % text.length] as string);
  }, TRICKLE_MS);
  socket.once('close', () => clearInterval(timer));
}

/** Starts an upload the server is busy reading, stops sending mid-body; resolves once it is cut. */
async function stalledUploadClosed(): Promise<void> {
  const socket = await connect();
  const closed = collectUntilClosed(socket);
  socket.write(
    `POST /vlmrun/v1/files?purpose=assistants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\n` +
      'Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 100000\r\n\r\n' +
      '--zz\r\nContent-Disposition: form-data; name="file"; filename="stalled.bin"\r\n\r\nthe first bytes and then nothing',
  );
  await closed;
}

describe('connection timeouts', () => {
  it('closes a connection that sends part of a header and then nothing', async () => {
    const socket = await connect();
    const closed = collectUntilClosed(socket);
    socket.write('GET /vlmrun/v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz');
    await closed;
    expect(socket.destroyed).toBe(true);
  });

  it('closes a connection that trickles header bytes forever (never idle, headers never complete)', async () => {
    const socket = await connect();
    const closed = collectUntilClosed(socket);
    socket.write('GET /vlmrun/v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    trickle(socket, 'abcdefgh');
    const { status } = await closed;
    expect(status).toBe(408);
  });

  it('closes a request whose body stops flowing, but not an upload that keeps sending slowly', async () => {
    const boundary = 'timeouts-test-boundary';
    const sent: Buffer[] = [];
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${sandbox.urls.vlmrun}/files?purpose=assistants`,
        { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      // Keep sending until a stalled upload, opened after this one started, has been cut: this one
      // has then lived through more than a whole idle period, its bytes flowing all along.
      let stalledGone = false;
      void stalledUploadClosed().then(() => (stalledGone = true), reject);
      const timer = setInterval(() => {
        if (stalledGone) {
          clearInterval(timer);
          req.end(`\r\n--${boundary}--\r\n`);
          return;
        }
        const chunk = patternBytes(512, sent.length + 1);
        sent.push(chunk);
        req.write(chunk);
      }, TRICKLE_MS);
    });
    const { status, body } = await response;
    expect(status).toBe(201);
    const content = Buffer.concat(sent);
    const file = JSON.parse(body) as { id: string; bytes: number; public_url: string };
    expect(file.bytes).toBe(content.length);
    const download = await fetchBytes(file.public_url);
    expect(download.body.equals(content)).toBe(true);
  });
});
