/**
 * Raw HTTP over a plain TCP socket, for tests that must send what no well-behaved client would:
 * unparseable request targets, broken headers, bodies that stall. fetch() refuses to send these,
 * so the bytes go out exactly as written here.
 */
import { connect, type Socket } from 'node:net';

/** What came back on one connection before the server closed it. */
export interface RawExchange {
  /** Everything the server wrote, decoded as latin1 so no byte is lost. */
  response: string;
  /** The status code of the first response line, or 0 when the server sent nothing. */
  status: number;
}

/** The status code of an HTTP/1.1 response text, or 0 if there is no status line. */
export function statusOf(response: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : 0;
}

/** Opens a socket to the server, resolving once connected (errors reject). */
export function openSocket(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Resolves with everything the server sends on `socket` once the connection has closed. */
export function collectUntilClosed(socket: Socket): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      const response = Buffer.concat(chunks).toString('latin1');
      resolve({ response, status: statusOf(response) });
    });
  });
}

/** Sends `request` on a fresh connection and waits for the server to answer and close it. */
export async function rawExchange(port: number, request: string | Buffer): Promise<RawExchange> {
  const socket = await openSocket(port);
  const done = collectUntilClosed(socket);
  socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  return done;
}

/** The JSON body of a raw response (after the blank line), or undefined when it is not JSON. */
export function jsonBodyOf(response: string): unknown {
  const start = response.indexOf('\r\n\r\n');
  if (start < 0) return undefined;
  try {
    return JSON.parse(response.slice(start + 4));
  } catch {
    return undefined;
  }
}
