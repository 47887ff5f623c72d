import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorShape } from '../../../shared/errors';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { ActivityLog } from '../activity/activity-log';
import { Catalogue } from '../catalogue';
import { WorkspaceListings } from '../listings/workspace-listings';
import { HttpClient } from '../net/client';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { adapterFor, baseUrlFor, bufferSource, startProxy, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { CrashWatch } from '../../../test/support/bad-input';
import { FilesService } from './files-service';
import type { PageQuery } from './listing';
import { PreviewServer } from './preview-server';
import { listingCases, type ListingCase } from '../../../test/support/bad-input-listing-cases';

/**
 * The server half of the bad-input corpus, listings and previews (issue 9 §6): a proxy in front
 * of the sandbox answers the file table the way a broken or hostile server would (the rows are in
 * test/support/bad-input-listing-cases.ts). Each row states exactly what the operator sees (the error, the
 * names in the table, what the preview gets), and afterwards a healthy workspace in the same
 * service still lists its files and nothing has crashed.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const impatient = new HttpClient({ headersMs: 1000, bodyMs: 1000 });
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-bad-listing-'));
let listings: WorkspaceListings;
const adapters = new Map<string, ProviderAdapter>();
const watch = new CrashWatch();
const internal = { url: '', seen: [] as IncomingHttpHeaders[], close: () => undefined as void };
let service: FilesService;
let previews: PreviewServer;

async function connect(id: string): Promise<Connection> {
  const adapter = adapters.get(id);
  if (!adapter) throw new Error(`no workspace ${id}`);
  const kind = adapter.info.kind;
  return { workspace: { id, name: id, provider: kind, baseUrl: '', projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false }, adapter, secret: TEST_KEY };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const activity = new ActivityLog(dataDir);
  await activity.load();
  previews = new PreviewServer(connect);
  listings = new WorkspaceListings(await Catalogue.open(join(dataDir, 'catalogue.sqlite')));
  service = new FilesService(connect, previews, activity, { changed: () => undefined }, listings);
  for (const kind of ['vlmrun', 'openai', 'llamacloud'] as const) {
    const adapter = adapterFor(kind, baseUrlFor(sandbox, kind), http);
    adapters.set(`healthy-${kind}`, adapter);
    for (const name of ['alpha.txt', 'beta.txt', 'gamma.txt']) {
      await adapter.upload({ file: bufferSource(Buffer.from(`${name} on ${kind}`)), name, purpose: PROVIDERS[kind].defaultPurpose, contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });
    }
  }
  const server = createServer((req, res) => {
    internal.seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('an internal service');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  internal.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/latest/meta-data/`;
  internal.close = () => void server.close();
  watch.start();
});

afterAll(async () => {
  watch.stop();
  internal.close();
  await previews.close();
  await sandbox.close();
  await http.close();
  await impatient.close();
  listings.catalogue.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function query(workspaceId: string, kind: ProviderKind, over: Partial<PageQuery> = {}): PageQuery {
  const page: PageQuery['page'] = PROVIDERS[kind].pagination === 'offset' ? { kind: 'offset', index: 0 } : { kind: 'cursor', cursor: null };
  return { workspaceId, pageSize: 25, page, purpose: null, search: '', sort: null, wholeListing: false, ...over };
}

/** What the operator gets from one act: the error, or the names in the table, or the preview. */
async function act(c: ListingCase, id: string): Promise<unknown> {
  try {
    if (c.act === 'page' || c.act === 'search') {
      const page = await service.list(query(id, c.kind, c.act === 'search' ? { search: '.txt', pageSize: 100 } : {}));
      return { count: page.files.length, names: page.files.map((f) => f.name).sort().slice(0, 5) };
    }
    const [first] = await adapters.get(`healthy-${c.kind}`)!.listPage({ position: PROVIDERS[c.kind].pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc' }).then((p) => p.files);
    if (c.act === 'preview') {
      const { url, kind, source } = await service.preview(id, first!.id);
      return { preview: { url, kind, source } };
    }
    return { text: (await service.previewText(id, first!.id, 1024)).text };
  } catch (error) {
    return { error: toErrorShape(error) };
  }
}

let row = 0;

describe('bad server answers to the file table and previews', () => {
  it.each(listingCases(() => internal.url))('$kind: $name', async (c) => {
    row += 1;
    const id = `case-${row}`;
    const proxy = await startProxy(baseUrlFor(sandbox, c.kind), c.rules());
    adapters.set(id, adapterFor(c.kind, proxy.url, c.stalls ? impatient : http));
    try {
      for (const before of c.before ?? []) expect(await act({ ...c, act: before }, id)).not.toHaveProperty('error');
      const seenBefore = internal.seen.length;
      expect(await act(c, id)).toEqual(c.expect);
      for (const headers of internal.seen.slice(seenBefore)) expect(JSON.stringify(headers)).not.toContain(TEST_KEY.slice(-8));
      const healthy = (await service.list(query(`healthy-${c.kind}`, c.kind))).files.map((f) => f.name);
      expect(healthy).toEqual(expect.arrayContaining(['alpha.txt', 'beta.txt', 'gamma.txt']));
      expect(watch.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

