import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { guardedConnector } from './guarded-connect';
import { refusalIn, type AddressGuard } from './handed-urls';

/** A request body whose exact length is known before the first byte is sent. */
export interface StreamBody {
  length: number;
  /** Yields the bytes; called once per attempt, so a retry re-reads from disk. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** One request; bodies are strings, bytes, or a stream of known length (uploads). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | StreamBody;
  signal?: AbortSignal;
  /** Called with the running count of body bytes handed to the socket. */
  onBodyProgress?: (sent: number) => void;
  /**
   * Vets every address the connection would go to (URLs a provider handed back). A refused one
   * makes send() throw the guard's RefusedAddressError before anything is sent.
   */
  guard?: AddressGuard;
}

/** Status, flattened headers, and the body still streaming (callers read, dump or pipe it). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * A request that got no HTTP answer. `bodyBytesSent` tells the retry policy whether the server
 * may have received (and stored) the upload: zero means it is safe to send again.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'offline' | 'timeout' | 'aborted' | 'reset',
    readonly bodyBytesSent: number,
    readonly causeCode: string | undefined,
  ) {
    super(`${kind}${causeCode ? ` (${causeCode})` : ''}`);
    this.name = 'TransportError';
  }
}

/** The body stream ended before its declared length: the file shrank while it was being read. */
export class BodyChangedError extends Error {
  constructor() {
    super('body shorter than declared');
    this.name = 'BodyChangedError';
  }
}

/**
 * The body's own source failed (a local file could not be read, or changed), not the network.
 * Kept apart so it is reported as the local problem it is and never retried as a broken connection.
 */
export class BodySourceError extends Error {
  constructor(readonly reason: unknown) {
    super('the request body could not be read');
    this.name = 'BodySourceError';
  }
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The first error of this class in the cause chain (undici wraps what the body threw). */
function found<T>(error: unknown, type: abstract new (...args: never[]) => T): T | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function classify(error: unknown, sent: number, signal: AbortSignal | undefined): Error {
  const local = found(error, BodySourceError);
  if (local) return local;
  if (found(error, BodyChangedError)) return new BodyChangedError();
  if (signal?.aborted) return new TransportError('aborted', sent, 'ABORT');
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.has(code)) return new TransportError('timeout', sent, code);
  if (code && OFFLINE_CODES.has(code) && sent === 0) return new TransportError('offline', 0, code);
  if (code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') return new BodyChangedError();
  return new TransportError(sent === 0 ? 'offline' : 'reset', sent, code);
}

const CONNECT = { timeout: 15_000 };
const POOL = { headersTimeout: 120_000, bodyTimeout: 120_000, keepAliveTimeout: 4_000, connections: 16 };

/**
 * The one HTTP client every adapter shares: keep-alive connections (undici), bodies streamed from
 * disk with an exact Content-Length, abort by signal, and failures sorted into "no answer, nothing
 * sent" versus "no answer after sending" so uploads can be retried without duplicates.
 */
export class HttpClient {
  private readonly pool: typeof POOL;
  private readonly agent: Agent;
  /** One pool per guard, so a kept-alive connection is only ever reused under the guard that vetted it. */
  private readonly guarded = new Map<AddressGuard, Agent>();

  /**
   * `timeouts` are how long a server may go silent before the call fails as "took too long": two
   * minutes for the answer's headers and between body bytes. Tests of a stalled server shorten them.
   */
  constructor(timeouts: { headersMs?: number; bodyMs?: number } = {}) {
    this.pool = { ...POOL, headersTimeout: timeouts.headersMs ?? POOL.headersTimeout, bodyTimeout: timeouts.bodyMs ?? POOL.bodyTimeout };
    this.agent = new Agent({ connect: CONNECT, ...this.pool });
  }

  private dispatcherFor(guard: AddressGuard | undefined): Agent {
    if (!guard) return this.agent;
    let agent = this.guarded.get(guard);
    if (!agent) {
      agent = new Agent({ connect: guardedConnector(guard, CONNECT), ...this.pool });
      this.guarded.set(guard, agent);
    }
    return agent;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let sent = 0;
    const headers: Record<string, string> = { ...req.headers };
    let body: string | Uint8Array | Readable | undefined;
    if (typeof req.body === 'string' || req.body instanceof Uint8Array) {
      body = req.body;
    } else if (req.body) {
      const stream = req.body;
      headers['content-length'] = String(stream.length);
      const progress = req.onBodyProgress;
      body = Readable.from(
        (async function* counted() {
          try {
            for await (const chunk of stream.chunks()) {
              sent += chunk.byteLength;
              progress?.(sent);
              yield chunk;
            }
          } catch (error) {
            throw new BodySourceError(error);
          }
          if (sent !== stream.length) throw new BodyChangedError();
        })(),
        { objectMode: false },
      );
    }
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        body,
        signal: req.signal,
        dispatcher: this.dispatcherFor(req.guard),
      });
      const flat: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(res.headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
      return { status: res.statusCode, headers: flat, body: res.body };
    } catch (error) {
      throw refusalIn(error) ?? classify(error, sent, req.signal);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agent, ...this.guarded.values()].map((agent) => agent.close()));
  }
}
