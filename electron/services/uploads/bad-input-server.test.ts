import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../../shared/errors';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { listAll } from '../../../test/support/list-all';
import { adapterFor, baseUrlFor, Scratch, startProxy, startTestSandbox, type CannedAnswer } from '../../../test/support/services';
import { openQueue } from '../../../test/support/queue';
import { chooseAndUpload, CrashWatch } from '../../../test/support/bad-input';

/**
 * The server half of the bad-input corpus, uploads (issue 9 §6): a proxy in front of the sandbox
 * answers in its place the way a broken, hostile or overloaded server would. Each row uploads a
 * file the server mistreats and a good file in the same batch (one at a time, so the proxy knows
 * which request is whose), and states the exact words the operator sees. Listings and previews
 * are in files/bad-input-listing.test.ts.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
/** A client that gives up on a silent server after a second, for the rows where the server stalls. */
const impatient = new HttpClient({ headersMs: 1000, bodyMs: 1000 });
const scratch = new Scratch();
const watch = new CrashWatch();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  watch.start();
});

afterAll(async () => {
  watch.stop();
  await sandbox.close();
  await http.close();
  await impatient.close();
  scratch.remove();
});

const LABEL: Record<string, string> = { vlmrun: 'VLM Run', openai: 'OpenAI', llamacloud: 'LlamaCloud' };
const UPLOAD_PATH: Record<string, RegExp> = { vlmrun: /\/files$/, openai: /\/files$/, llamacloud: /\/api\/v1\/beta\/files$/ };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): CannedAnswer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const html = (status: number): CannedAnswer => ({
  status,
  headers: { 'content-type': 'text/html' },
  body: `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status}</h1><p>nginx</p></body></html>`,
});
/** An error body in each dialect's own shape. */
function shaped(kind: ProviderKind, status: number, message: string): CannedAnswer {
  if (kind === 'openai') return json(status, { error: { message, type: 'invalid_request_error', param: 'file', code: null } });
  if (status === 422) return json(status, { detail: [{ loc: ['body', 'file'], msg: message, type: 'value_error' }] });
  return json(status, { detail: message });
}
/** A stored-file answer of the dialect, with `patch` applied (wrong types, impossible sizes). */
function storedAnswer(kind: ProviderKind, patch: Record<string, unknown>): CannedAnswer {
  const base: Record<string, Record<string, unknown>> = {
    vlmrun: { id: 'f-1', filename: 'x.txt', bytes: 10, purpose: 'assistants', created_at: '2025-01-01T00:00:00' },
    openai: { id: 'file-1', object: 'file', filename: 'x.txt', bytes: 10, purpose: 'user_data', created_at: 1735689600 },
    llamacloud: { id: 'f-1', name: 'x.txt', file_size: 10, purpose: 'parse', created_at: '2025-01-01T00:00:00Z' },
  };
  return json(200, { ...base[kind], ...patch });
}

const SIZE_FIELD: Record<string, string> = { vlmrun: 'bytes', openai: 'bytes', llamacloud: 'file_size' };
const notUnderstood = (kind: ProviderKind): AppErrorShape => ({
  code: 'server_error',
  message: `${LABEL[kind]} answered with data Stowage does not understand. Check that the base URL points at ${kind === 'openai' ? 'an' : 'a'} ${LABEL[kind]} Files API.`,
});
const uploadNotUnderstood = (kind: ProviderKind): AppErrorShape => ({
  code: 'server_error',
  message: `${LABEL[kind]} answered the upload with data Stowage does not understand, so it cannot tell whether the file was stored. Refresh the list to check before sending it again.`,
});

/** One row: which requests the proxy answers instead of the server, and what the operator is told. */
interface ServerCase {
  name: string;
  kind: ProviderKind;
  /**
   * The proxy's answer to the `upload`-th upload request, or (upload null) to the `other`-th
   * request of any other kind, both counted from 0; null forwards it to the sandbox.
   */
  answer(upload: number | null, other: number): CannedAnswer | 'stall' | null;
  /** The good file goes first (a key revoked mid-session), else the mistreated one does. */
  goodFirst?: boolean;
  stalls?: boolean;
  expect: { failed: AppErrorShape } | { doneAfter: number };
}

const firstUpload = (canned: CannedAnswer | 'stall', times = 1) => (upload: number | null) => (upload !== null && upload < times ? canned : null);

const perDialect = (kind: ProviderKind): ServerCase[] => {
  const label = LABEL[kind];
  return [
    {
      name: '413 in the dialect’s shape',
      kind,
      answer: firstUpload(shaped(kind, 413, 'File too large: the limit is 1 byte')),
      expect: { failed: { code: 'too_large', message: `The file is larger than ${label} accepts (HTTP 413). ${label} said: “File too large: the limit is 1 byte” Split it or choose a smaller file.` } },
    },
    {
      name: '415 in the dialect’s shape',
      kind,
      answer: firstUpload(shaped(kind, 415, 'Unsupported file type: application/x-msdownload')),
      expect: {
        failed: {
          code: 'unsupported_type',
          message: `${label} does not accept files of this type (HTTP 415). ${label} said: “Unsupported file type: application/x-msdownload” Convert it to a format ${label} takes, or leave it out.`,
        },
      },
    },
    {
      name: '422 in the dialect’s shape',
      kind,
      answer: firstUpload(shaped(kind, 422, 'field required')),
      expect: {
        failed: { code: 'invalid_input', message: `${label} refused the upload (HTTP 422). ${label} said: “${kind === 'openai' ? 'field required' : 'file: field required'}” Check the file and the purpose, then try again.` },
      },
    },
    { name: 'malformed JSON on success', kind, answer: firstUpload({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id": "f-1", "filename": ' }), expect: { failed: uploadNotUnderstood(kind) } },
    { name: 'a size given as a string', kind, answer: firstUpload(storedAnswer(kind, { [SIZE_FIELD[kind] as string]: '10' })), expect: { failed: uploadNotUnderstood(kind) } },
    { name: 'a negative size', kind, answer: firstUpload(storedAnswer(kind, { [SIZE_FIELD[kind] as string]: -1 })), expect: { failed: uploadNotUnderstood(kind) } },
    { name: 'a size beyond any file (1e300)', kind, answer: firstUpload(storedAnswer(kind, { [SIZE_FIELD[kind] as string]: 1e300 })), expect: { failed: uploadNotUnderstood(kind) } },
  ];
};

const cases: ServerCase[] = [
  ...perDialect('vlmrun'),
  ...perDialect('openai'),
  ...perDialect('llamacloud'),
  { name: 'an HTML error page (500) instead of JSON', kind: 'openai', answer: firstUpload(html(500)), expect: { failed: { code: 'server_error', message: 'OpenAI had a problem on its side (HTTP 500). Try again in a few minutes.' } } },
  { name: 'an HTML page with 200 (a captive portal)', kind: 'llamacloud', answer: firstUpload(html(200)), expect: { failed: uploadNotUnderstood('llamacloud') } },
  { name: 'an empty 200 answer', kind: 'vlmrun', answer: firstUpload({ status: 200, body: '' }), expect: { failed: uploadNotUnderstood('vlmrun') } },
  {
    name: 'malformed JSON from the content lookup before the upload',
    kind: 'vlmrun',
    answer: (upload, other) => (upload === null && other === 0 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '[' } : null),
    expect: { failed: notUnderstood('vlmrun') },
  },
  {
    name: '401 mid-session (the key was revoked after the first file)',
    kind: 'openai',
    goodFirst: true,
    answer: (upload) => (upload !== 0 ? json(401, { error: { message: 'Incorrect API key provided: sk-test-7f3c****0c2e', type: 'invalid_request_error', code: 'invalid_api_key' } }) : null),
    expect: { failed: { code: 'unauthorized', message: 'OpenAI did not accept the API key (HTTP 401). Check the key in the workspace settings and save it again.' } },
  },
  { name: 'a server that stalls once after the body (retried, stored once)', kind: 'llamacloud', stalls: true, answer: firstUpload('stall'), expect: { doneAfter: 2 } },
  {
    name: 'a server that stalls on every attempt',
    kind: 'openai',
    stalls: true,
    answer: firstUpload('stall', 4),
    expect: { failed: { code: 'timeout', message: 'OpenAI took too long to answer. Check your connection and try again.' } },
  },
];

let row = 0;

describe('bad server answers to an upload: each row beside a good file in the same batch', () => {
  it.each(cases)('$kind: $name', async (c) => {
    let uploads = 0;
    let others = 0;
    row += 1;
    const proxy = await startProxy(baseUrlFor(sandbox, c.kind), {
      answer: (method, url) => {
        const isUpload = method === 'POST' && (UPLOAD_PATH[c.kind] as RegExp).test(url.pathname);
        return isUpload ? c.answer(uploads++, others) : c.answer(null, others++);
      },
    });
    const client = c.stalls ? impatient : http;
    const h = await openQueue(client, { [c.kind]: proxy.url }, { concurrency: 1 });
    try {
      const dir = mkdtempSync(join(scratch.dir, 'case-'));
      const bad = join(dir, `mistreated-${row}.txt`);
      const good = join(dir, `good-${row}.txt`);
      writeFileSync(bad, `a file the server mistreats: ${c.name}`);
      writeFileSync(good, `a good file beside: ${c.name}`);
      const batch = await chooseAndUpload(h, c.kind, c.goodFirst ? [good, bad] : [bad, good]);
      expect(batch.item(good)).toMatchObject({ state: 'done', error: null });
      const stored = await listAll(adapterFor(c.kind, baseUrlFor(sandbox, c.kind), http));
      expect(stored.filter((f) => f.name === `good-${row}.txt`)).toHaveLength(1);
      if ('failed' in c.expect) {
        expect(batch.item(bad)).toMatchObject({ state: 'failed', error: c.expect.failed, fileId: null });
      } else {
        expect(batch.item(bad)).toMatchObject({ state: 'done', error: null, attempts: c.expect.doneAfter });
        expect(stored.filter((f) => f.name === `mistreated-${row}.txt`)).toHaveLength(1);
      }
      expect(JSON.stringify(batch.items)).not.toContain('7f3c');
      expect(watch.seen).toEqual([]);
    } finally {
      await h.close();
      await proxy.close();
    }
  });
});
