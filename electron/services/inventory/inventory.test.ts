import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../../shared/format';
import { InventoryReport, MAX_REPORT_PURPOSES, OTHER_PURPOSES } from '../../../shared/contract/inventory';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { Catalogue } from '../catalogue';
import { WorkspaceListings } from '../listings/workspace-listings';
import { HttpClient } from '../net/client';
import type { Connection } from '../workspaces/workspace-service';
import { adapterFor, seed, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { csvField } from './export';
import { InventoryService } from './inventory-service';
import { foldPurposes } from './purposes';

let sandbox: RunningSandbox;
const http = new HttpClient();
const out = mkdtempSync(join(tmpdir(), 'stowage-audit-'));
const events: { runId: string; state: string; files: number; pages: number }[] = [];
const saveQueue: (string | null)[] = [];
let listings: WorkspaceListings;
let inventory: InventoryService;

function connectFor(kind: ProviderKind, baseUrl: string) {
  return async (id: string): Promise<Connection> => ({
    workspace: { id, name: id, provider: kind, baseUrl, projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false },
    adapter: adapterFor(kind, baseUrl, http),
    secret: TEST_KEY,
  });
}

async function finished(runId: string) {
  while (!events.some((e) => e.runId === runId && e.state !== 'running')) await new Promise((resolve) => setTimeout(resolve, 5));
  return events.filter((e) => e.runId === runId).at(-1)!;
}

/** Runs an audit of 'ws' to the end and returns its report. */
async function audit(): Promise<InventoryReport> {
  const { runId } = await inventory.start('ws');
  expect((await finished(runId)).state).toBe('done');
  return inventory.result(runId);
}

/** Every file of an audit, read page by page through the paged channel. */
function allPages(snapshotId: number, pageSize: number): StoredFile[] {
  const files: StoredFile[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = inventory.files({ snapshotId, search: '', purpose: null, sort: null, offset, limit: pageSize });
    files.push(...page.files);
    if (page.files.length < pageSize) return files;
  }
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seed(sandbox.urls.vlmrun, 2500, ['assistants', 'vision', 'batch']);
  listings = new WorkspaceListings(await Catalogue.open(join(out, 'catalogue.sqlite')), { keepAudits: 2 });
  inventory = new InventoryService(
    connectFor('vlmrun', sandbox.urls.vlmrun),
    { progress: (p) => events.push(p) },
    { pickSavePath: async () => saveQueue.shift() ?? null },
    listings,
  );
});

afterAll(async () => {
  inventory.dispose();
  listings.catalogue.close();
  await sandbox.close();
  await http.close();
  rmSync(out, { recursive: true, force: true });
});

describe('inventory service', () => {
  it('streams a fresh listing into an audit snapshot and reports totals, never the files themselves', async () => {
    const before = listings.catalogue.list('ws').length;
    const report = await audit();
    expect(events.filter((e) => e.runId === report.runId)[0]?.state).toBe('running');
    expect(InventoryReport.safeParse(report).success).toBe(true);
    expect(report).not.toHaveProperty('files');
    expect(report.totalFiles).toBe(2500);
    expect(report.byPurpose.map((p) => p.purpose).sort()).toEqual(['assistants', 'batch', 'vision']);
    expect(report.byPurpose.reduce((s, p) => s + p.count, 0)).toBe(2500);
    expect(report.ageBuckets[0]?.count).toBe(2500);
    const snapshot = listings.catalogue.snapshot(report.snapshotId);
    expect(snapshot).toMatchObject({ kind: 'audit', state: 'complete', fileCount: 2500 });
    expect(listings.catalogue.list('ws')).toHaveLength(before + 1);
    expect(listings.catalogue.current('ws')?.id).toBe(report.snapshotId);
  });

  it('pages the files (every file once), and filters, searches and sorts in SQL with exact totals', async () => {
    const report = await audit();
    const pages = allPages(report.snapshotId, 500);
    expect(pages).toHaveLength(2500);
    expect(new Set(pages.map((f) => f.id)).size).toBe(2500);
    const vision = inventory.files({ snapshotId: report.snapshotId, search: '', purpose: 'vision', sort: { by: 'name', dir: 'asc' }, offset: 0, limit: 50 });
    expect(vision.total).toBe(833);
    expect(vision.files.every((f) => f.purpose === 'vision')).toBe(true);
    expect(vision.files.map((f) => f.name)).toEqual([...vision.files.map((f) => f.name)].sort());
    const searched = inventory.files({ snapshotId: report.snapshotId, search: 'SEED-00012', purpose: null, sort: { by: 'name', dir: 'desc' }, offset: 5, limit: 3 });
    expect(searched.total).toBe(10);
    expect(searched.files.map((f) => f.name)).toEqual(['seed-000124.txt', 'seed-000123.txt', 'seed-000122.txt']);
  });

  it('answers the old-files question with figures, a page and a selection that name the same files', async () => {
    const report = await audit();
    const question = { snapshotId: report.snapshotId, olderThanDays: 0, purpose: 'batch' };
    const stale = inventory.stale(question, 0, 10);
    expect(stale.count).toBe(833);
    expect(stale.asOf).toBe(report.finishedAt);
    expect(stale.files).toHaveLength(10);
    const all = inventory.selectStale(question);
    expect(all.total).toBe(833);
    expect(all.files).toHaveLength(833);
    expect(all.files.every((f) => f.purpose === 'batch')).toBe(true);
    expect(all.files.reduce((s, f) => s + f.bytes, 0)).toBe(stale.bytes);
    expect(all.files.slice(0, 10).map((f) => f.id)).toEqual(stale.files.map((f) => f.id));
    expect(inventory.stale({ ...question, olderThanDays: 1 }, 0, 10)).toMatchObject({ count: 0, bytes: 0, files: [] });

    listings.deleted('ws', all.files.slice(0, 100).map((f) => f.id));
    expect(inventory.stale(question, 0, 0).count).toBe(733);
    expect(inventory.selectStale(question).files.map((f) => f.id)).toEqual(all.files.slice(100).map((f) => f.id));
    expect(inventory.files({ snapshotId: report.snapshotId, search: '', purpose: null, sort: null, offset: 0, limit: 1 }).total).toBe(2400);
    expect(allPages(report.snapshotId, 500).some((f) => f.id === all.files[0]?.id)).toBe(false);
  });

  it('exports the whole audit as it was counted, streamed to disk, in CSV and JSON that read back', async () => {
    const report = await audit();
    saveQueue.push(join(out, 'audit.csv'));
    expect(await inventory.export(report.runId, 'csv')).toEqual({ path: join(out, 'audit.csv') });
    const csv = readFileSync(join(out, 'audit.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('id,name,bytes,size,purpose,createdAt,expiresAt');
    expect(csv).toHaveLength(2501);
    expect(new Set(csv.slice(1).map((line) => line.split(',')[0])).size).toBe(2500);
    // The human column is the app's one size wording, next to the exact figure.
    const [, , bytes, size] = (csv[1] as string).split(',');
    expect(size).toBe(formatBytes(Number(bytes)));
    saveQueue.push(join(out, 'audit.json'));
    await inventory.export(report.runId, 'json');
    const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as InventoryReport & { files: StoredFile[] };
    expect(json.totalFiles).toBe(2500);
    expect(json.snapshotId).toBe(report.snapshotId);
    expect(json.files).toHaveLength(2500);
    expect(json.files.map((f) => f.id).sort()).toEqual(csv.slice(1).map((line) => line.split(',')[0]).sort());
    saveQueue.push(null);
    expect(await inventory.export(report.runId, 'csv')).toEqual({ path: null });
  });

  it('keeps the newest audits for history and says plainly when an older one is gone', async () => {
    const first = await audit();
    await audit();
    await audit();
    expect(listings.catalogue.snapshot(first.snapshotId)).toBeNull();
    expect(() => inventory.files({ snapshotId: first.snapshotId, search: '', purpose: null, sort: null, offset: 0, limit: 10 })).toThrow(/no longer available/);
    expect(() => inventory.stale({ snapshotId: first.snapshotId, olderThanDays: 0, purpose: null }, 0, 10)).toThrow(/no longer available/);
    const audits = listings.catalogue.list('ws').filter((s) => s.kind === 'audit' && s.state === 'complete');
    expect(audits).toHaveLength(2);
  });

  it('serves audit snapshots only, not routine listings', async () => {
    const writer = listings.catalogue.begin('ws');
    writer.addPage([{ id: 'x', name: 'x.txt', bytes: 1, purpose: null, createdAt: new Date().toISOString(), expiresAt: null }]);
    const listing = await writer.complete();
    expect(() => inventory.files({ snapshotId: listing.id, search: '', purpose: null, sort: null, offset: 0, limit: 10 })).toThrow(/no longer available/);
  });

  it('cancels a run: the state says so, there is no report and the partial snapshot is dropped', async () => {
    sandbox.setFaults({ latencyMs: 50, targets: ['vlmrun'] });
    try {
      const { runId } = await inventory.start('ws');
      expect(inventory.cancel(runId)).toBe(true);
      expect((await finished(runId)).state).toBe('cancelled');
      expect(() => inventory.result(runId)).toThrow(/did not finish|Cancelled/);
      expect(listings.catalogue.list('ws').filter((s) => s.state === 'running')).toEqual([]);
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('report and export details', () => {
  it('keeps CSV fields intact and formula-like names inert', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-5)).toBe('-5');
  });

  it('folds purposes beyond the contract bound into one row, keeping the totals', () => {
    const rows = Array.from({ length: MAX_REPORT_PURPOSES + 5 }, (_, i) => ({ purpose: `p${i}`.padEnd(i === 0 ? 300 : 3, 'x'), count: 1, bytes: 10 }));
    const folded = foldPurposes(rows);
    expect(folded).toHaveLength(MAX_REPORT_PURPOSES + 1);
    expect(folded.at(-1)).toEqual({ purpose: OTHER_PURPOSES, count: 5, bytes: 50 });
    expect(folded[0]?.purpose.length).toBe(200);
    expect(folded.reduce((s, r) => s + r.count, 0)).toBe(rows.length);
    expect(foldPurposes(rows.slice(1, 4))).toEqual(rows.slice(1, 4));
  });
});
