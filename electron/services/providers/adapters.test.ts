import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, bufferSource, patternBytes, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import type { ProviderAdapter } from './types';

let sandbox: RunningSandbox;
const http = new HttpClient();

beforeAll(async () => {
  sandbox = await startTestSandbox({ limits: { openai: 64 * 1024 } });
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
});

async function readAll(adapter: ProviderAdapter, id: string): Promise<Buffer> {
  const res = await adapter.openContent(id, {});
  return Buffer.from(await res.body.arrayBuffer());
}

async function upload(adapter: ProviderAdapter, name: string, content: Buffer, purpose: string) {
  const progress: number[] = [];
  const file = await adapter.upload({
    file: bufferSource(content),
    name,
    purpose,
    contentType: 'text/plain',
    signal: new AbortController().signal,
    onProgress: (sent) => progress.push(sent),
  });
  return { file, progress };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const cases: { kind: ProviderKind; purposes: [string, string]; extra?: { folderId?: string; projectId?: string } }[] = [
  { kind: 'vlmrun', purposes: ['assistants', 'vision'] },
  { kind: 'openai', purposes: ['user_data', 'batch'], extra: { projectId: 'proj-a' } },
  { kind: 'yandex', purposes: ['assistants', 'fine-tune'], extra: { folderId: 'b1g-folder' } },
  { kind: 'llamacloud', purposes: ['parse', 'extract'], extra: { projectId: 'p-1' } },
];

describe.each(cases)('$kind adapter against the sandbox', ({ kind, purposes, extra }) => {
  let adapter: ProviderAdapter;
  beforeAll(() => {
    adapter = adapterFor(kind, baseUrlFor(sandbox, kind), http, extra);
  });

  it('uploads with a non-ASCII name, streams progress to the end, and reads the same bytes back', async () => {
    const content = patternBytes(3000, kind.length);
    const { file, progress } = await upload(adapter, 'отчёт 報告 "q".txt', content, purposes[0]);
    expect(file).toMatchObject({ name: 'отчёт 報告 "q".txt', bytes: 3000, purpose: purposes[0] });
    expect(Number.isNaN(Date.parse(file.createdAt))).toBe(false);
    expect(progress.at(-1)).toBeGreaterThan(3000);
    expect(await adapter.get(file.id)).toMatchObject({ id: file.id, bytes: 3000 });
    expect((await readAll(adapter, file.id)).equals(content)).toBe(true);
  });

  it('pages through the listing to the end without gaps or repeats', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i += 1) ids.add((await upload(adapter, `page-${i}.txt`, Buffer.from(`${kind} page ${i}`), purposes[i % 2] as string)).file.id);
    const seen: string[] = [];
    let position = adapter.info.pagination === 'offset' ? ({ offset: 0 } as const) : ({ cursor: null } as const);
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await adapter.listPage({ position, limit: 3, purpose: null, createdOrder: 'desc' });
      seen.push(...page.files.map((f) => f.id));
      if (!page.next) break;
      position = page.next as typeof position;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });

  it('filters by purpose where the server supports it', async () => {
    const page = await adapter.listPage({
      position: adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null },
      limit: 100,
      purpose: purposes[1],
      createdOrder: 'desc',
    });
    if (adapter.serverPurposeFilter) expect(page.files.every((f) => f.purpose === purposes[1])).toBe(true);
    expect(page.files.some((f) => f.purpose === purposes[1])).toBe(true);
  });

  it('deletes, then reports the file as not found in plain words', async () => {
    const { file } = await upload(adapter, 'to-delete.txt', Buffer.from('bye'), purposes[0]);
    await adapter.remove(file.id);
    const error = await errorOf(adapter.get(file.id));
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/refresh/i);
  });

  it('turns a wrong key into "unauthorized" without echoing any part of it', async () => {
    const wrongKey = 'sk-wrong-0123456789abcdef';
    const bad = adapterFor(kind, baseUrlFor(sandbox, kind), http, { ...extra, apiKey: wrongKey });
    const error = await errorOf(bad.listPage({ position: bad.info.pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc' }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).not.toContain('cdef');
    expect(error.message).not.toContain(TEST_KEY);
  });

  it('says "offline" when nothing listens at the base URL', async () => {
    const dead = adapterFor(kind, 'http://127.0.0.1:1/v1', http, extra);
    const error = await errorOf(dead.get('x'));
    expect(error.code).toBe('offline');
  });
});

describe('dialect specifics', () => {
  it('VLM Run finds stored bytes by MD5 and gives a public URL for preview', async () => {
    const adapter = adapterFor('vlmrun', sandbox.urls.vlmrun, http);
    const content = Buffer.from('hash me please');
    const { file } = await upload(adapter, 'hash.txt', content, 'assistants');
    const { createHash } = await import('node:crypto');
    const md5 = createHash('md5').update(content).digest('hex');
    expect((await adapter.findByHash?.(md5))?.id).toBe(file.id);
    expect(await adapter.findByHash?.('0'.repeat(32))).toBeNull();
    const target = await adapter.previewTarget(file.id);
    expect(target).toMatchObject({ kind: 'url', source: 'public' });
    if (target.kind === 'url') expect(target.url).not.toContain(TEST_KEY);
  });

  it('OpenAI-compatible maps 413 to "too large" with the provider\'s reason, and previews through the proxy', async () => {
    const adapter = adapterFor('openai', sandbox.urls.openai, http);
    const error = await errorOf(upload(adapter, 'big.bin', patternBytes(70 * 1024), 'user_data'));
    expect(error.code).toBe('too_large');
    expect(await adapter.previewTarget('any')).toEqual({ kind: 'proxy' });
  });

  it('Yandex folders scope the listing (OpenAI-Project header) and Api-Key auth is accepted', async () => {
    const a = adapterFor('yandex', sandbox.urls.openai, http, { folderId: 'folder-a' });
    const b = adapterFor('yandex', sandbox.urls.openai, http, { folderId: 'folder-b' });
    const { file } = await upload(a, 'scoped.txt', Buffer.from('only in a'), 'assistants');
    const inB = await b.listPage({ position: { cursor: null }, limit: 100, purpose: null, createdOrder: 'desc' });
    expect(inB.files.map((f) => f.id)).not.toContain(file.id);
    expect((await a.get(file.id)).id).toBe(file.id);
  });

  it('OpenAI-compatible sorts by creation time on the server in both directions', async () => {
    const adapter = adapterFor('openai', sandbox.urls.openai, http, { projectId: 'sort' });
    for (let i = 0; i < 3; i += 1) await upload(adapter, `s${i}.txt`, Buffer.from(`s${i}`), 'user_data');
    const asc = await adapter.listPage({ position: { cursor: null }, limit: 10, purpose: null, createdOrder: 'asc' });
    const desc = await adapter.listPage({ position: { cursor: null }, limit: 10, purpose: null, createdOrder: 'desc' });
    expect(asc.files.map((f) => f.name)).toEqual(['s0.txt', 's1.txt', 's2.txt']);
    expect(desc.files.map((f) => f.name)).toEqual(['s2.txt', 's1.txt', 's0.txt']);
  });

  it('LlamaCloud previews through a presigned content URL', async () => {
    const adapter = adapterFor('llamacloud', sandbox.urls.llamacloud, http);
    const { file } = await upload(adapter, 'p.txt', Buffer.from('presigned'), 'parse');
    expect(await adapter.previewTarget(file.id)).toMatchObject({ kind: 'url', source: 'presigned' });
  });
});
