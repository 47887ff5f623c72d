/**
 * A TCP proxy on loopback that counts the bytes a client sends through it, so a benchmark can
 * say how many bytes an upload really put on the wire (and so how many it sent twice). When
 * either side drops the connection the other side is dropped too, as a broken link would do.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ByteProxy {
  /** `baseUrl` with the proxy's host and port in place of the server's. */
  url(baseUrl: string): string;
  /** Bytes sent from clients towards the server since the start (or the last reset). */
  sent(): number;
  resetCount(): void;
  close(): Promise<void>;
}

export async function startByteProxy(target: string): Promise<ByteProxy> {
  const upstream = new URL(target);
  let sent = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const server = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client);
    sockets.add(server);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    client.pipe(server);
    server.pipe(client);
    const drop = () => {
      client.resetAndDestroy();
      server.resetAndDestroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('error', drop);
    server.on('error', drop);
    client.on('close', drop);
    server.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (baseUrl) => {
      const u = new URL(baseUrl);
      u.host = `127.0.0.1:${port}`;
      return u.toString().replace(/\/$/, '');
    },
    sent: () => sent,
    resetCount: () => {
      sent = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
