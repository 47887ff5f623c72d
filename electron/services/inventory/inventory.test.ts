import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../../shared/format';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import type { Connection } from '../workspaces/workspace-service';
import { adapterFor, seed, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { csvField } from './export';
import { InventoryService } from './inventory-service';
import { listAll } from './list-all';
import { buildReport } from './report';

let sandbox: RunningSandbox;
const http = new HttpClient();
const out = mkdtempSync(join(tmpdir(), 'stowage-audit-'));
const events: { runId: string; state: string; files: number; pages: number }[] = [];
const saveQueue: (string | null)[] = [];
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

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seed(sandbox.urls.vlmrun, 2500, ['assistants', 'vision', 'batch']);
  await seed(sandbox.urls.openai, 1200, ['user_data', 'batch']);
  inventory = new InventoryService(connectFor('vlmrun', sandbox.urls.vlmrun), { progress: (p) => events.push(p) }, {
    pickSavePath: async () => saveQueue.shift() ?? null,
  });
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
  rmSync(out, { recursive: true, force: true });
});

describe('listAll', () => {
  it('reads a skip/limit listing with pages in parallel, and a cursor listing in order, completely and once', async () => {
    const vlm = await listAll(adapterFor('vlmrun', sandbox.urls.vlmrun, http), { parallel: 4 });
    expect(vlm).toHaveLength(2500);
    expect(new Set(vlm.map((f) => f.id)).size).toBe(2500);
    const oa = await listAll(adapterFor('openai', sandbox.urls.openai, http));
    expect(oa).toHaveLength(1200);
  });

  it('retries a page the provider briefly refused (503) instead of failing the whole audit', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1, count: 2, status: 503 }, targets: ['openai'] });
    try {
      expect(await listAll(adapterFor('openai', sandbox.urls.openai, http))).toHaveLength(1200);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('stops every page in flight when one fails, and reports the failure', async () => {
    const bad = adapterFor('vlmrun', sandbox.urls.vlmrun, http, { apiKey: 'nope-nope-nope' });
    await expect(listAll(bad)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('inventory service', () => {
  it('runs to the end with progress events, totals by purpose, and exports CSV and JSON that read back', async () => {
    const { runId } = await inventory.start('ws');
    const last = await finished(runId);
    expect(last).toMatchObject({ state: 'done', files: 2500 });
    expect(events.filter((e) => e.runId === runId)[0]?.state).toBe('running');
    const report = inventory.result(runId);
    expect(report.totalFiles).toBe(2500);
    expect(report.byPurpose.map((p) => p.purpose).sort()).toEqual(['assistants', 'batch', 'vision']);
    expect(report.byPurpose.reduce((s, p) => s + p.count, 0)).toBe(2500);
    expect(report.ageBuckets[0]?.count).toBe(2500);

    saveQueue.push(join(out, 'audit.csv'));
    expect(await inventory.export(runId, 'csv')).toEqual({ path: join(out, 'audit.csv') });
    const csv = readFileSync(join(out, 'audit.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('id,name,bytes,size,purpose,createdAt,expiresAt');
    expect(csv).toHaveLength(2501);
    // The human column is the app's one size wording, next to the exact figure.
    const first = report.files[0] as StoredFile;
    expect(csv[1]).toContain(`,${first.bytes},${formatBytes(first.bytes)},`);
    saveQueue.push(join(out, 'audit.json'));
    await inventory.export(runId, 'json');
    const json = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as { totalFiles: number; files: StoredFile[] };
    expect(json.totalFiles).toBe(2500);
    expect(json.files).toHaveLength(2500);
    saveQueue.push(null);
    expect(await inventory.export(runId, 'csv')).toEqual({ path: null });
  });

  it('cancels a run: the state says so and there is no report', async () => {
    sandbox.setFaults({ latencyMs: 50, targets: ['vlmrun'] });
    try {
      const { runId } = await inventory.start('ws');
      expect(inventory.cancel(runId)).toBe(true);
      expect((await finished(runId)).state).toBe('cancelled');
      expect(() => inventory.result(runId)).toThrow(/did not finish|Cancelled/);
    } finally {
      sandbox.setFaults({});
    }
  });
});

describe('report and export details', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const day = 86_400_000;
  const file = (id: string, ageDays: number, bytes: number, purpose: string | null, expiresInDays: number | null): StoredFile => ({
    id,
    name: `${id}.txt`,
    bytes,
    purpose,
    createdAt: new Date(now - ageDays * day).toISOString(),
    expiresAt: expiresInDays === null ? null : new Date(now + expiresInDays * day).toISOString(),
  });

  it('buckets by age, lists files expiring within 7 days soonest first, and sums purposes', () => {
    const report = buildReport('r', 'w', [file('a', 0.5, 10, 'batch', 6), file('b', 3, 20, 'batch', 1), file('c', 40, 30, null, 8), file('d', 400, 40, 'vision', -1)], now);
    expect(report.ageBuckets.map((b) => b.count)).toEqual([1, 1, 0, 1, 0, 1]);
    expect(report.expiringSoon.map((f) => f.id)).toEqual(['b', 'a']);
    expect(report.byPurpose).toEqual([
      { purpose: 'vision', count: 1, bytes: 40 },
      { purpose: 'batch', count: 2, bytes: 30 },
      { purpose: '(none)', count: 1, bytes: 30 },
    ]);
    expect(report.totalBytes).toBe(100);
  });

  it('keeps CSV fields intact and formula-like names inert', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-5)).toBe('-5');
  });
});
