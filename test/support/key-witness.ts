/**
 * A real loopback server on its own port, standing in for "some other host" a workspace's base URL
 * could be changed to. It writes down every Authorization header it receives, so a test can prove
 * a key did (or did not) travel there. By default it forwards to the sandbox, so a key that was
 * approved for it really connects; with `echo` it answers every call with an error in the
 * dialect's own shape that repeats the start and end of the key it was sent, the way some real
 * servers do ("Incorrect API key provided: sk-secret-7f3c…").
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '../../electron/sandbox';

type Dialect = 'vlmrun' | 'openai' | 'llamacloud';

export interface KeyWitness {
  /** The witness's base URL for a dialect (same path as the sandbox's, different port). */
  urls: Record<Dialect, string>;
  /** Every Authorization header value received, in order. */
  authorizations: string[];
  /** True when any request carried `key` (or any 8-character piece of it) in its Authorization header. */
  saw(key: string): boolean;
  close(): Promise<void>;
}

/** The key from an Authorization header ("Bearer sk-…", "Api-Key sk-…"). */
function credential(header: string | undefined): string {
  if (!header) return '';
  const space = header.indexOf(' ');
  return space < 0 ? header : header.slice(space + 1).trim();
}

function dialectOf(path: string): Dialect {
  if (path.startsWith('/openai/')) return 'openai';
  if (path.startsWith('/llamacloud/')) return 'llamacloud';
  return 'vlmrun';
}

/**
 * Each dialect's error body, repeating the first 16 and the last 10 characters of the key:
 * OpenAI's `{"error":{"message"}}` (400), VLM Run's `{"detail": "..."}` (400) and LlamaCloud's
 * FastAPI validation list `{"detail":[{loc,msg}]}` (422). All three are statuses whose provider
 * text Stowage passes on to the operator, so only redaction keeps the key pieces out.
 */
export function echoBody(dialect: Dialect, key: string): { status: number; body: unknown } {
  const said = `The key ${key.slice(0, 16)}… (ending ${key.slice(-10)}) has no access to this project`;
  if (dialect === 'openai') return { status: 400, body: { error: { message: said, type: 'invalid_request_error', param: null, code: 'no_access' } } };
  if (dialect === 'llamacloud') return { status: 422, body: { detail: [{ type: 'value_error', loc: ['header', 'authorization'], msg: said, input: key.slice(0, 12) }] } };
  return { status: 400, body: { detail: said } };
}

function answerEcho(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const { status, body } = echoBody(dialectOf(req.url ?? '/'), credential(req.headers.authorization));
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** Starts a witness in front of `sandbox` (forwarding), or answering echo errors when `echo` is set. */
export async function startKeyWitness(sandbox: RunningSandbox, options: { echo?: boolean } = {}): Promise<KeyWitness> {
  const target = new URL(sandbox.urls.vlmrun);
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    if (options.echo) answerEcho(req, res);
    else forward(target, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const moved = (url: string) => origin + new URL(url).pathname.replace(/\/+$/, '');
  return {
    urls: { vlmrun: moved(sandbox.urls.vlmrun), openai: moved(sandbox.urls.openai), llamacloud: moved(sandbox.urls.llamacloud) },
    authorizations,
    saw: (key) => authorizations.some((header) => header.includes(key) || containsPiece(header, key)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether `text` holds any run of 8 or more characters of `key` (what "the key leaked" means here). */
export function containsPiece(text: string, key: string, run = 8): boolean {
  for (let start = 0; start + run <= key.length; start += 1) {
    if (text.includes(key.slice(start, start + run))) return true;
  }
  return false;
}
