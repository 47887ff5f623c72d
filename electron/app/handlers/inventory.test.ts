/**
 * The audit's channels through the contract, as the window calls them: inputs parsed against
 * their bounds, outputs checked against their schemas, errors in plain words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryReport } from '../../../shared/contract/inventory';
import type { StoredFile } from '../../../shared/models/files';
import type { RunningSandbox } from '../../sandbox';
import { Catalogue } from '../../services/catalogue';
import { InventoryService } from '../../services/inventory/inventory-service';
import { WorkspaceListings } from '../../services/listings/workspace-listings';
import { HttpClient } from '../../services/net/client';
import { adapterFor, seed, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { dispatch } from './dispatch';
import { createInventoryHandlers } from './inventory';
import type { Handlers } from './types';

let sandbox: RunningSandbox;
const http = new HttpClient();
const dir = mkdtempSync(join(tmpdir(), 'stowage-audit-channels-'));
let listings: WorkspaceListings;
let inventory: InventoryService;
let handlers: Handlers;
let report: InventoryReport;

async function call(channel: string, input: unknown) {
  return dispatch(handlers, channel, input);
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seed(sandbox.urls.vlmrun, 700, ['assistants', 'batch']);
  listings = new WorkspaceListings(await Catalogue.open(join(dir, 'catalogue.sqlite')));
  let done: (runId: string) => void = () => undefined;
  inventory = new InventoryService(
    async (id) => ({
      workspace: { id, name: id, provider: 'vlmrun', baseUrl: sandbox.urls.vlmrun, projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false },
      adapter: adapterFor('vlmrun', sandbox.urls.vlmrun, http),
      secret: TEST_KEY,
    }),
    { progress: (p) => p.state === 'done' && done(p.runId) },
    { pickSavePath: async () => null },
    listings,
  );
  handlers = createInventoryHandlers(inventory) as unknown as Handlers;
  const finished = new Promise<string>((resolve) => {
    done = resolve;
  });
  const started = await call('inventory:start', { workspaceId: 'ws' });
  expect(started.ok).toBe(true);
  const runId = await finished;
  const result = await call('inventory:result', { runId });
  if (!result.ok) throw new Error(result.error.message);
  report = result.value as InventoryReport;
});

afterAll(async () => {
  inventory.dispose();
  listings.catalogue.close();
  await sandbox.close();
  await http.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit channels', () => {
  it('page the files through the contract: every file once across pages, totals exact', async () => {
    const seen = new Set<string>();
    for (let offset = 0; offset < 700; offset += 500) {
      const page = await call('inventory:files', { snapshotId: report.snapshotId, offset, limit: 500 });
      if (!page.ok) throw new Error(page.error.message);
      const value = page.value as { files: StoredFile[]; total: number };
      expect(value.total).toBe(700);
      for (const f of value.files) seen.add(f.id);
    }
    expect(seen.size).toBe(700);
  });

  it('refuse requests beyond their bounds before any work is done', async () => {
    const bad = [
      ['inventory:files', { snapshotId: report.snapshotId, limit: 501 }],
      ['inventory:files', { snapshotId: report.snapshotId, search: 'x'.repeat(501) }],
      ['inventory:files', { snapshotId: 0 }],
      ['inventory:stale', { snapshotId: report.snapshotId, olderThanDays: -1, purpose: null }],
      ['inventory:stale', { snapshotId: report.snapshotId, olderThanDays: 1, purpose: 'p'.repeat(201) }],
      ['inventory:stale', { snapshotId: report.snapshotId, olderThanDays: 1, purpose: null, limit: 101 }],
      ['inventory:selectStale', { snapshotId: report.snapshotId, olderThanDays: 1.5, purpose: null }],
    ] as const;
    for (const [channel, input] of bad) expect(await call(channel, input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('select exactly the files the old-files question counted, in a shape the contract accepts', async () => {
    const question = { snapshotId: report.snapshotId, olderThanDays: 0, purpose: 'batch' };
    const stale = await call('inventory:stale', { ...question, limit: 100 });
    const selected = await call('inventory:selectStale', question);
    if (!stale.ok || !selected.ok) throw new Error('a call failed');
    const counted = stale.value as { count: number; files: StoredFile[] };
    const chosen = selected.value as { files: StoredFile[]; total: number };
    expect(counted.count).toBe(350);
    expect(chosen.total).toBe(350);
    expect(new Set(chosen.files.map((f) => f.id)).size).toBe(350);
    expect(chosen.files.slice(0, 100).map((f) => f.id)).toEqual(counted.files.map((f) => f.id));
  });

  it('say plainly when the audit asked about is gone', async () => {
    expect(await call('inventory:files', { snapshotId: report.snapshotId + 1000 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/Run the audit again/) },
    });
  });
});
