import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { ActivityLog } from '../activity/activity-log';
import { HttpClient } from '../net/client';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { adapterFor, bufferSource, patternBytes, seed, startProxy, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { FilesService } from './files-service';
import type { PageQuery } from './listing';
import { PreviewServer } from './preview-server';

let sandbox: RunningSandbox;
const http = new HttpClient();
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-files-'));
const adapters = new Map<string, ProviderAdapter>();
let service: FilesService;
let previews: PreviewServer;
let activity: ActivityLog;
const closers: (() => Promise<void>)[] = [];

async function connect(id: string): Promise<Connection> {
  const adapter = adapters.get(id);
  if (!adapter) throw new Error(`no workspace ${id}`);
  const kind = adapter.info.kind;
  return { workspace: { id, name: id, provider: kind, baseUrl: '', projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false }, adapter, secret: TEST_KEY };
}

function use(id: string, kind: ProviderKind, baseUrl: string): ProviderAdapter {
  const adapter = adapterFor(kind, baseUrl, http, { projectId: id });
  adapters.set(id, adapter);
  return adapter;
}

async function put(adapter: ProviderAdapter, name: string, content: Buffer | string, purpose: string) {
  const bytes = Buffer.from(content);
  return adapter.upload({ file: bufferSource(bytes), name, purpose, contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined });
}

const query = (workspaceId: string, over: Partial<PageQuery> = {}): PageQuery => ({
  workspaceId,
  pageSize: 25,
  page: PROVIDERS[adapters.get(workspaceId)!.info.kind].pagination === 'offset' ? { kind: 'offset', index: 0 } : { kind: 'cursor', cursor: null },
  purpose: null,
  search: '',
  sort: null,
  wholeListing: false,
  ...over,
});

/** Every workspace the service announced as changed, in order. */
const changedWorkspaces: string[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  activity = new ActivityLog(dataDir);
  await activity.load();
  previews = new PreviewServer(connect);
  service = new FilesService(connect, previews, activity, { changed: (id) => changedWorkspaces.push(id) });
});

afterAll(async () => {
  for (const close of closers) await close();
  await previews.close();
  await sandbox.close();
  await http.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('files:list', () => {
  it('pages a skip/limit provider with hasMore, and a cursor provider with nextCursor, to the same set', async () => {
    use('vlm-list', 'vlmrun', sandbox.urls.vlmrun);
    const oa = use('oa-list', 'openai', sandbox.urls.openai);
    await seed(sandbox.urls.vlmrun, 60, ['assistants', 'vision']);
    const first = await service.list(query('vlm-list'));
    expect(first).toMatchObject({ hasMore: true, filteredLocally: false, sortedAcrossPages: true });
    expect(first.files).toHaveLength(25);
    const third = await service.list(query('vlm-list', { page: { kind: 'offset', index: 50 } }));
    expect(third.files).toHaveLength(10);
    expect(third.hasMore).toBe(false);

    for (let i = 0; i < 30; i += 1) await put(oa, `o${i}.txt`, `o${i}`, 'user_data');
    const ids: string[] = [];
    let page = await service.list(query('oa-list'));
    ids.push(...page.files.map((f) => f.id));
    expect(page.nextCursor).not.toBeNull();
    page = await service.list(query('oa-list', { page: { kind: 'cursor', cursor: page.nextCursor } }));
    ids.push(...page.files.map((f) => f.id));
    expect(page.hasMore).toBe(false);
    expect(new Set(ids).size).toBe(30);
  });

  it('filters by purpose on the server where it can, and searches names in main (stated in the page)', async () => {
    const byPurpose = await service.list(query('vlm-list', { purpose: 'vision', pageSize: 100 }));
    expect(byPurpose.filteredLocally).toBe(false);
    expect(byPurpose.files.length).toBe(30);
    expect(byPurpose.files.every((f) => f.purpose === 'vision')).toBe(true);
    const searched = await service.list(query('oa-list', { search: 'O1', pageSize: 25 }));
    expect(searched.filteredLocally).toBe(true);
    expect(searched.files.map((f) => f.name).sort()).toEqual(['o1.txt', 'o10.txt', 'o11.txt', 'o12.txt', 'o13.txt', 'o14.txt', 'o15.txt', 'o16.txt', 'o17.txt', 'o18.txt', 'o19.txt']);
    expect(searched.total).toBe(11);
  });

  it('detects a server that ignores the purpose filter and filters the table in main instead', async () => {
    const proxy = await startProxy(sandbox.urls.vlmrun, {
      rewrite: (_method, url) => {
        url.searchParams.delete('purpose');
        return url;
      },
    });
    closers.push(proxy.close);
    use('vlm-ignores', 'vlmrun', proxy.url);
    const page = await service.list(query('vlm-ignores', { purpose: 'vision', pageSize: 25 }));
    expect(page.filteredLocally).toBe(true);
    expect(page.files).toHaveLength(25);
    expect(page.files.every((f) => f.purpose === 'vision')).toBe(true);
    expect(page.total).toBe(30);
    const next = await service.list(query('vlm-ignores', { purpose: 'vision', pageSize: 25, page: { kind: 'offset', index: 25 } }));
    expect(next.files).toHaveLength(5);
    expect(next.hasMore).toBe(false);
  });

  it('sorts where the provider cannot within the page, and says so', async () => {
    const page = await service.list(query('vlm-list', { sort: { by: 'bytes', dir: 'desc' } }));
    expect(page.sortedAcrossPages).toBe(false);
    const sizes = page.files.map((f) => f.bytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const asc = await service.list(query('oa-list', { sort: { by: 'createdAt', dir: 'asc' } }));
    expect(asc.sortedAcrossPages).toBe(true);
    expect(asc.files[0]?.name).toBe('o0.txt');
  });

  it('"sort all files" reads the whole listing so the biggest file comes first, on any page', async () => {
    const adapter = use('vlm-sort-all', 'vlmrun', sandbox.urls.vlmrun);
    const big = await put(adapter, 'the-biggest.bin', patternBytes(5000, 4), 'assistants');
    for (let i = 0; i < 26; i += 1) await put(adapter, `later-${i}.txt`, `later ${i}`, 'assistants');
    const pageOnly = await service.list(query('vlm-sort-all', { sort: { by: 'bytes', dir: 'desc' } }));
    expect(pageOnly.files[0]?.id).not.toBe(big.id);
    const all = await service.list(query('vlm-sort-all', { sort: { by: 'bytes', dir: 'desc' }, wholeListing: true }));
    expect(all).toMatchObject({ sortedAcrossPages: true, filteredLocally: false });
    expect(all.files[0]?.id).toBe(big.id);
    expect(all.total).toBeGreaterThan(25);
    // A sort the provider does itself stays with the provider.
    const direct = await service.list(query('vlm-sort-all', { sort: { by: 'createdAt', dir: 'desc' }, wholeListing: true }));
    expect(direct.total).toBeNull();
  });
});

describe('files:preview', () => {
  it('VLM Run: the public URL, which serves the exact bytes', async () => {
    const adapter = use('vlm-prev', 'vlmrun', sandbox.urls.vlmrun);
    const png = patternBytes(2048, 9);
    const file = await put(adapter, 'pic.png', png, 'vision');
    const preview = await service.preview('vlm-prev', file.id);
    expect(preview).toMatchObject({ kind: 'image', source: 'public', contentType: 'image/png' });
    expect(Buffer.from(await (await fetch(preview.url!)).arrayBuffer()).equals(png)).toBe(true);
  });

  it('OpenAI-compatible: a key-less loopback URL that streams the content and supports ranges', async () => {
    const adapter = use('oa-prev', 'openai', sandbox.urls.openai);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), patternBytes(5000, 4)]);
    const file = await put(adapter, 'doc.pdf', pdf, 'user_data');
    const preview = await service.preview('oa-prev', file.id);
    expect(preview).toMatchObject({ kind: 'pdf', source: 'proxy' });
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/preview\//);
    expect(preview.url).not.toContain(TEST_KEY);
    const res = await fetch(preview.url!);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    const part = await fetch(preview.url!, { headers: { range: 'bytes=0-8' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('%PDF-1.4\n');
    const expired = preview.url!.replace(/\/preview\/[^/]+/, '/preview/not-a-ticket');
    expect((await fetch(expired)).status).toBe(404);
  });

  it('LlamaCloud: the presigned content URL', async () => {
    const adapter = use('ll-prev', 'llamacloud', sandbox.urls.llamacloud);
    const file = await put(adapter, 'data.json', '{"a":1}', 'parse');
    const preview = await service.preview('ll-prev', file.id);
    expect(preview).toMatchObject({ kind: 'text', source: 'presigned', contentType: 'application/json' });
    expect(await (await fetch(preview.url!)).text()).toBe('{"a":1}');
  });

  it('refuses a public URL that is not http(s)', async () => {
    const proxy = await startProxy(sandbox.urls.vlmrun, {
      transformJson: (_m, _u, body) => (body && typeof body === 'object' && 'public_url' in body ? { ...body, public_url: 'file:///etc/passwd' } : body),
    });
    closers.push(proxy.close);
    const adapter = use('vlm-evil', 'vlmrun', proxy.url);
    const file = await put(adapter, 'x.txt', 'x', 'assistants');
    expect(await service.preview('vlm-evil', file.id)).toEqual({ url: null, kind: 'none', contentType: 'text/plain', source: 'none' });
  });

  it('previewText returns the first bytes only, cut cleanly, and says it was truncated', async () => {
    const adapter = use('oa-text', 'openai', sandbox.urls.openai);
    const text = 'é'.repeat(1000);
    const file = await put(adapter, 'long.csv', text, 'user_data');
    const out = await service.previewText('oa-text', file.id, 101);
    expect(out.truncated).toBe(true);
    expect(out.text).toBe('é'.repeat(50));
    expect(out.contentType).toBe('text/csv');
    const whole = await service.previewText('oa-text', file.id, 65_536);
    expect(whole).toMatchObject({ truncated: false, text });
  });
});

describe('files:delete', () => {
  it('deletes exactly the given ids, reports each, and logs them', async () => {
    const adapter = use('oa-del', 'openai', sandbox.urls.openai);
    const a = await put(adapter, 'a.txt', 'a', 'user_data');
    const b = await put(adapter, 'b.txt', 'b', 'user_data');
    const keep = await put(adapter, 'keep.txt', 'k', 'user_data');
    changedWorkspaces.length = 0;
    const results = await service.remove('oa-del', [a.id, 'file-missing', b.id]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([[a.id, true], ['file-missing', false], [b.id, true]]);
    expect(changedWorkspaces).toEqual(['oa-del']);
    expect(results[1]?.error?.code).toBe('not_found');
    const left = await service.list(query('oa-del', { pageSize: 100 }));
    expect(left.files.map((f) => f.id)).toEqual([keep.id]);
    const logged = activity.list(3).map((e) => `${e.action} ${e.fileId} ${e.outcome}`).sort();
    expect(logged).toEqual([`delete ${a.id} ok`, `delete ${b.id} ok`, 'delete file-missing failed'].sort());
    // Nothing deleted, nothing changed: no listing is dropped for a delete that failed throughout.
    await service.remove('oa-del', ['file-missing-too']);
    expect(changedWorkspaces).toEqual(['oa-del']);
  });
});

describe('preview proxy headers', () => {
  it('serves a provider HTML file with a sandboxing CSP, and a PDF without one', async () => {
    const adapter = use('oa-csp', 'openai', sandbox.urls.openai);
    const html = await put(adapter, 'page.html', '<script>alert(1)</script>', 'user_data');
    const res = await fetch((await service.preview('oa-csp', html.id)).url!);
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const pdf = await put(adapter, 'x.pdf', '%PDF-1.4', 'user_data');
    const pdfRes = await fetch((await service.preview('oa-csp', pdf.id)).url!);
    expect(pdfRes.headers.get('content-security-policy')).toBeNull();
  });
});
