/**
 * The harness host over real HTTP and WebSocket on loopback, with a one-page stand-in for the
 * renderer build: only its own page (right Host, Origin and token) gets in, and malformed
 * requests and frames are answered or dropped while the host keeps serving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHarness, type Harness } from './host';
import { collectUntilClosed, openSocket, rawExchange } from '../../test/support/raw-http';

const page = mkdtempSync(join(tmpdir(), 'stowage-harness-page-'));
let harness: Harness;
let origin: string;

beforeAll(async () => {
  writeFileSync(join(page, 'index.html'), '<!doctype html><html><head><script type="module" src="./main.js"></script></head><body></body></html>');
  harness = await startHarness({ rendererDir: page });
  origin = harness.url;
});

afterAll(async () => {
  await harness.close();
  rmSync(page, { recursive: true, force: true });
});

type Opened = { ws: WebSocket; status?: undefined } | { ws?: undefined; status: number };

/** Opens the bridge socket as a page from `from` would; resolves with the socket or the refusal status. */
function openBridge(token: string | undefined, from: string | undefined): Promise<Opened> {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${harness.url.replace('http', 'ws')}/__harness/ws${query}`, from === undefined ? {} : { origin: from });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', reject);
  });
}

/** Sends frames on `ws` and collects answers until the one with `untilId` arrives. */
function answersUntil(ws: WebSocket, frames: (string | Buffer)[], untilId: number): Promise<Map<number, { ok: boolean; error?: { code: string } }>> {
  const answers = new Map<number, { ok: boolean; error?: { code: string } }>();
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id: number; result: { ok: boolean; error?: { code: string } } };
      if (message.type !== 'result') return;
      answers.set(message.id, message.result);
      if (message.id === untilId) resolve(answers);
    });
    for (const frame of frames) ws.send(frame, { binary: Buffer.isBuffer(frame) });
  });
}

const appInfo = (id: number) => JSON.stringify({ type: 'invoke', id, channel: 'app:info' });

describe('harness host', () => {
  it('serves its page with the bridge script carrying this run’s token', async () => {
    const res = await fetch(harness.url);
    expect(res.status).toBe(200);
    expect(harness.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await res.text()).toContain(`<script src="/__harness/bridge.js?token=${harness.token}"></script>`);
  });

  it('accepts its own page’s socket and runs a call', async () => {
    const { ws } = await openBridge(harness.token, origin);
    if (!ws) throw new Error('the socket was refused');
    const answers = await answersUntil(ws, [appInfo(1)], 1);
    expect(answers.get(1)?.ok).toBe(true);
    ws.close();
  });

  it.each([
    ['another site', 'http://evil.example'],
    ['a rebound name on the same port', 'http://evil.example:PORT'],
    ['another local port', 'http://127.0.0.1:1'],
    ['a sandboxed frame', 'null'],
  ])('refuses a socket from %s even with the token', async (_name, from) => {
    expect((await openBridge(harness.token, from.replace('PORT', String(harness.port)))).status).toBe(403);
  });

  it('refuses a socket without the token or with a wrong one', async () => {
    expect((await openBridge(undefined, origin)).status).toBe(403);
    expect((await openBridge('', origin)).status).toBe(403);
    expect((await openBridge(`${harness.token}x`, origin)).status).toBe(403);
  });

  it('answers malformed frames (or drops those without an id) and keeps the socket serving', async () => {
    const { ws } = await openBridge(harness.token, origin);
    if (!ws) throw new Error('the socket was refused');
    const frames = ['not json', '[1,2]', '{"type":"invoke","id":"x"}', '{"type":"invoke","id":7,"channel":42}', Buffer.from([0, 1, 2]), '{"type":"invoke","id":8,"channel":"no:such"}', appInfo(9)];
    const answers = await answersUntil(ws, frames, 9);
    expect(answers.get(7)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers.get(8)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(answers.get(9)?.ok).toBe(true);
    expect([...answers.keys()].sort()).toEqual([7, 8, 9]);
    ws.close();
  });

  it('closes a socket that breaks the WebSocket protocol, and still accepts the next one', async () => {
    const socket = await openSocket(harness.port);
    const closed = collectUntilClosed(socket);
    const upgraded = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write(
      `GET /__harness/ws?token=${harness.token} HTTP/1.1\r\nHost: 127.0.0.1:${harness.port}\r\nOrigin: ${origin}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    await upgraded;
    socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    expect((await closed).status).toBe(101);
    const { ws } = await openBridge(harness.token, origin);
    expect(ws).toBeDefined();
    ws?.close();
  });

  it('refuses control requests from other origins and malformed ones, and keeps serving', async () => {
    const pick = (headers: Record<string, string>, body: string) => fetch(`${harness.url}/__harness/dialog/pick`, { method: 'POST', headers, body });
    expect((await pick({ Origin: 'http://evil.example' }, '{"paths":["/tmp/a"]}')).status).toBe(403);
    expect((await pick({ Origin: origin }, '{"paths":["/tmp/a"]}')).status).toBe(204);
    expect((await pick({}, '{"paths":["/tmp/b"]}')).status).toBe(204);
    expect(await harness.platform.pickFiles()).toEqual(['/tmp/a']);
    expect((await pick({}, '{"paths":')).status).toBe(400);
    expect((await pick({}, '{"paths":"/tmp/c"}')).status).toBe(400);
    expect((await pick({}, 'null')).status).toBe(400);
    const save = await fetch(`${harness.url}/__harness/dialog/save`, { method: 'POST', body: '{"path":5}' });
    expect(save.status).toBe(400);

    const request = (target: string, host = `127.0.0.1:${harness.port}`) => rawExchange(harness.port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect((await request('//%25/')).status).toBe(404);
    expect((await request('*')).status).toBe(400);
    expect((await request('/%E0%A4%A')).status).toBe(400);
    expect((await request('/', `evil.example:${harness.port}`)).status).toBe(403);
    expect((await fetch(harness.url)).status).toBe(200);
  });
});
