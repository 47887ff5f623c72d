/**
 * The harness's WebSocket: accepts the bridge's connection only from this server's own pages
 * (Host, Origin, and the token the page was served with), then turns each frame into a call on
 * the handler table. A malformed frame gets an `invalid_input` answer or is ignored; a socket
 * error closes that socket only.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkUpgrade, readTarget } from './access';
import { frameText, MAX_FRAME_BYTES, readFrame, refusal } from './frames';

/** What the socket side needs from the host. */
export interface BridgeSocketOptions {
  token: string;
  port(): number;
  /** Sockets currently open (the host broadcasts events to them). */
  sockets: Set<WebSocket>;
  /** Records a frame that came in (the host keeps all traffic for tests to scan). */
  record(data: string): void;
  /** Sends a message to one socket (and records it). */
  send(socket: WebSocket, message: unknown): void;
  /** Runs one call through the handler table; never rejects with anything but a bug. */
  invoke(channel: string, input: unknown): Promise<unknown>;
}

const REASONS: Record<403 | 404, string> = { 403: 'Forbidden', 404: 'Not Found' };

function reject(socket: Duplex, status: 403 | 404): void {
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Handles upgrades on `server`; returns the WebSocketServer so the host can close it. */
export function attachBridgeSocket(server: Server, options: BridgeSocketOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req.headers, readTarget(req.url), options.token, options.port());
    if (verdict !== 'ok') return reject(socket, verdict);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    options.sockets.add(ws);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => options.sockets.delete(ws));
    ws.on('message', (raw, isBinary) => {
      const frame = readFrame(raw, isBinary);
      if (!isBinary) options.record(frameText(raw));
      if (!frame.ok) {
        if (frame.id !== undefined) options.send(ws, { type: 'result', id: frame.id, result: refusal('invalid_input') });
        return;
      }
      options
        .invoke(frame.channel, frame.input)
        .then((result) => options.send(ws, { type: 'result', id: frame.id, result }))
        .catch(() => options.send(ws, { type: 'result', id: frame.id, result: refusal('internal') }));
    });
  });
  return wss;
}
