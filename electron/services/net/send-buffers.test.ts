import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client';
import { SendBuffers } from './send-buffers';

/**
 * Reused read buffers must never be refilled while a socket may still be writing from them: the
 * server would receive bytes of a later piece in place of an earlier one. A server that reads
 * slowly keeps the socket's queue full, so a buffer handed out too early would show up as a
 * wrong checksum on its side.
 */
let server: Server;
let url: string;
const http = new HttpClient();

beforeAll(async () => {
  server = createServer((req, res) => {
    const hash = createHash('md5');
    let bytes = 0;
    // A slow reader: pause after every piece, so the client's socket backs up.
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      req.pause();
      setTimeout(() => req.resume(), 1);
    });
    req.on('end', () => res.end(JSON.stringify({ md5: hash.digest('hex'), bytes })));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await http.close();
  await new Promise((resolve) => server.close(resolve));
});

const PIECE = 256 * 1024;

describe('reused send buffers', () => {
  it('deliver every byte intact through a slow reader, reusing buffers the socket has written out', async () => {
    const data = randomBytes(PIECE * 64 + 1234);
    const pool = new SendBuffers(PIECE);
    let pieces = 0;
    const res = await http.send({
      method: 'PUT',
      url,
      body: {
        length: data.length,
        async *chunks() {
          for (let at = 0; at < data.length; at += PIECE) {
            const piece = pool.take(Math.min(PIECE, data.length - at));
            data.copy(piece, 0, at, at + piece.length);
            pieces += 1;
            yield piece;
          }
        },
      },
    });
    const got = JSON.parse(await res.body.text()) as { md5: string; bytes: number };
    expect(got).toEqual({ md5: createHash('md5').update(data).digest('hex'), bytes: data.length });
    expect(pool.allocated).toBeLessThan(pieces / 2);
  });

  it('never hands out again a buffer that was not written to a socket', () => {
    const pool = new SendBuffers(16);
    const first = pool.take(16);
    const second = pool.take(16);
    expect(second.buffer).not.toBe(first.buffer);
    expect(pool.allocated).toBe(2);
  });

  it('does not reuse a buffer while its socket still has it queued', async () => {
    // A peer that never reads: a large write stays queued in the socket.
    const accepted: Socket[] = [];
    const sink = createTcpServer((peer) => accepted.push(peer));
    sink.listen(0, '127.0.0.1');
    await once(sink, 'listening');
    const socket: Socket = connect((sink.address() as AddressInfo).port, '127.0.0.1');
    await once(socket, 'connect');
    try {
      const pool = new SendBuffers(64 * 1024 * 1024);
      const piece = pool.take(64 * 1024 * 1024);
      socket.write(piece);
      expect(socket.writableLength).toBeGreaterThan(0);
      pool.handed(piece, socket);
      expect(pool.take(16).buffer).not.toBe(piece.buffer);
    } finally {
      socket.destroy();
      for (const peer of accepted) peer.destroy();
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});
