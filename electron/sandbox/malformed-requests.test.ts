/**
 * The sandbox must outlive any single request. Each case below goes out over a raw socket to a
 * sandbox running in its own process (so a crash is a dead process, not a test-runner warning),
 * and must get a 4xx; afterwards the same process still answers an ordinary request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSandboxCli, type SandboxChild } from './child';
import { jsonBodyOf, rawExchange } from '../../test/support/raw-http';

const KEY = 'malformed-test-key';
const ADMIN = 'malformed-admin-token';

let sandbox: SandboxChild;
let port: number;

beforeAll(async () => {
  sandbox = await spawnSandboxCli(['--api-key', KEY, '--admin-token', ADMIN]);
  port = Number(new URL(sandbox.urls.vlmrun).port);
});

afterAll(async () => {
  await sandbox.stop();
});

const close = 'Host: 127.0.0.1\r\nConnection: close\r\n';
const auth = `Authorization: Bearer ${KEY}\r\n`;

/** Targets a WHATWG URL parser reads as a host (and throws on); in HTTP they are just paths. */
const doubleSlashPaths: [string, string][] = [
  ['a path starting with "//" and an escape', '//%25/'],
  ['a path starting with "//" and a bracket', '//[/files'],
];

/** Request targets Node passes through to the handler that cannot be read as a path. */
const badTargets: [string, string][] = [
  ['the asterisk form', '*'],
  ['an absolute form with an impossible port', 'http://a:b@c:99999/vlmrun/v1/files'],
  ['broken percent-encoding in the path', '/vlmrun/v1/files/%E0%A4%A'],
  ['a percent sign with no hex digits in the path', '/openai/v1/files/%zz/content'],
];

describe('malformed requests never take the sandbox down', () => {
  it.each(doubleSlashPaths)('reads %s as a path and answers a plain JSON 404', async (_name, target) => {
    const { status, response } = await rawExchange(port, `GET ${target} HTTP/1.1\r\n${close}${auth}\r\n`);
    expect(status).toBe(404);
    expect(jsonBodyOf(response)).toEqual({ detail: 'Not Found' });
  });

  it.each(badTargets)('answers %s with a plain JSON 400', async (_name, target) => {
    const { status, response } = await rawExchange(port, `GET ${target} HTTP/1.1\r\n${close}${auth}\r\n`);
    expect(status).toBe(400);
    expect(response).toMatch(/\r\nContent-Type: application\/json\r\n/i);
    expect(jsonBodyOf(response)).toEqual({ detail: expect.stringMatching(/request target/i) });
  });

  it.each([
    ['broken percent-encoding in the query (read leniently, as FastAPI does)', `GET /vlmrun/v1/files?limit=%ZZ HTTP/1.1\r\n${close}${auth}\r\n`, 422],
    ['a bad signature escape on a public link', `GET /public/files/x/y?expires=1&signature=%zz HTTP/1.1\r\n${close}\r\n`, 403],
    ['a header over the size limit', `GET /vlmrun/v1/files HTTP/1.1\r\n${close}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a header value with a control character', `GET /vlmrun/v1/files HTTP/1.1\r\n${close}X-Bad: a\u0001b\r\n\r\n`, 400],
    ['two different Content-Lengths', `POST /vlmrun/v1/files HTTP/1.1\r\n${close}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`, 400],
    ['a non-ASCII API key', `GET /vlmrun/v1/files HTTP/1.1\r\n${close}Authorization: Bearer \u00ff\u00fe\r\n\r\n`, 401],
    ['a multipart upload with an empty boundary', `POST /vlmrun/v1/files?purpose=assistants HTTP/1.1\r\n${close}${auth}Content-Type: multipart/form-data; boundary=\r\nContent-Length: 4\r\n\r\nabcd`, 422],
    ['a multipart upload of garbage', `POST /vlmrun/v1/files?purpose=assistants HTTP/1.1\r\n${close}${auth}Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 10\r\n\r\nnot a form`, 422],
    ['a chunked upload with broken chunk framing', `POST /vlmrun/v1/files?purpose=assistants HTTP/1.1\r\n${close}${auth}Content-Type: multipart/form-data; boundary=zz\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnope\r\n`, 400],
    ['an admin request with a body that is not JSON', `PUT /_admin/faults HTTP/1.1\r\n${close}Authorization: Bearer ${ADMIN}\r\nContent-Length: 3\r\n\r\n{x}`, 422],
    ['an OpenAI request with duplicate project headers', `GET /openai/v1/files HTTP/1.1\r\n${close}${auth}OpenAI-Project: a\r\nOpenAI-Project: b\r\n\r\n`, 200],
  ])('answers %s without crashing', async (_name, request, expected) => {
    const { status } = await rawExchange(port, request);
    expect(status).toBe(expected);
  });

  it('still serves an ordinary request afterwards, in the same process', async () => {
    const res = await fetch(`${sandbox.urls.vlmrun}/files`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect(sandbox.child.exitCode).toBeNull();
    expect(sandbox.child.signalCode).toBeNull();
  });
});
