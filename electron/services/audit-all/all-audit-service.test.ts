import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllAuditReport } from '../../../shared/contract/audit-all';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import type { Workspace } from '../../../shared/models/workspaces';
import type { RunningSandbox } from '../../sandbox';
import { Catalogue } from '../catalogue';
import { WorkspaceListings } from '../listings/workspace-listings';
import { HttpClient } from '../net/client';
import { adapterFor, seed, startTestSandbox } from '../../../test/support/services';
import { AllAuditService } from './all-audit-service';
import type { AllAuditProgress } from './ports';

let good: RunningSandbox;
let slow: RunningSandbox;
const http = new HttpClient();
const out = mkdtempSync(join(tmpdir(), 'stowage-audit-all-'));
let listings: WorkspaceListings;
const events: AllAuditProgress[] = [];
const saves: (string | null)[] = [];

interface Spec {
  id: string;
  name: string;
  kind: ProviderKind;
  sandbox: () => RunningSandbox;
  key?: string;
  builtIn?: boolean;
}

function serviceFor(specs: Spec[]) {
  const workspace = (s: Spec): Workspace => ({
    id: s.id,
    name: s.name,
    provider: s.kind,
    baseUrl: s.sandbox().urls[PROVIDERS[s.kind].dialect],
    projectId: null,
    folderId: null,
    defaultPurpose: null,
    concurrency: 3,
    keyStorage: null,
    hasKey: true,
    builtIn: s.builtIn ?? false,
  });
  return new AllAuditService(
    {
      list: async () => ({ workspaces: specs.map(workspace) }),
      connect: async (id) => {
        const s = specs.find((x) => x.id === id)!;
        const w = workspace(s);
        return { workspace: w, adapter: adapterFor(s.kind, w.baseUrl, http, { apiKey: s.key }), secret: 'unused' };
      },
    },
    listings,
    { progress: (p) => events.push(p) },
    { pickSavePath: async () => saves.shift() ?? null },
  );
}

async function finished(runId: string): Promise<AllAuditProgress> {
  while (!events.some((e) => e.runId === runId && e.state !== 'running')) await new Promise((resolve) => setTimeout(resolve, 5));
  return events.filter((e) => e.runId === runId).at(-1)!;
}

const specs: Spec[] = [
  { id: 'local', name: 'Local sandbox', kind: 'vlmrun', sandbox: () => good, builtIn: true },
  { id: 'acme', name: 'Acme, "prod"', kind: 'openai', sandbox: () => good },
  { id: 'wrong-key', name: 'Old account', kind: 'vlmrun', sandbox: () => good, key: 'sk-not-the-right-key-000000000000' },
];

beforeAll(async () => {
  good = await startTestSandbox();
  slow = await startTestSandbox({ faults: { latencyMs: 60_000 } });
  await seed(good.urls.vlmrun, 30, ['assistants', 'batch']);
  await seed(good.urls.openai, 20, ['user_data']);
  listings = new WorkspaceListings(await Catalogue.open(join(out, 'catalogue.sqlite')));
});

afterAll(async () => {
  listings.catalogue.close();
  await good.close();
  await slow.close();
  await http.close();
  rmSync(out, { recursive: true, force: true });
});

describe('AllAuditService', () => {
  it('lists every workspace, shows the one with a bad key as failed with its reason, and the others finish', async () => {
    const audits = serviceFor(specs);
    const { runId } = await audits.start();
    const last = await finished(runId);
    expect(last.state).toBe('done');
    expect(last.workspaces.map((w) => [w.workspaceId, w.state])).toEqual([
      ['local', 'done'],
      ['acme', 'done'],
      ['wrong-key', 'failed'],
    ]);
    const failed = last.workspaces[2]!;
    expect(failed.error?.code).toBe('unauthorized');
    expect(failed.error?.message).toMatch(/key/i);

    const report = AllAuditReport.parse(audits.result(runId));
    const [local, acme, bad] = report.workspaces;
    expect(local!.totalFiles).toBe(30);
    expect(acme!.totalFiles).toBe(20);
    expect(bad!.snapshotId).toBeNull();
    // Each finished workspace's listing is a normal audit snapshot, so its history works as after a single audit.
    for (const w of [local!, acme!]) {
      const info = listings.catalogue.snapshot(w.snapshotId!);
      expect(info).toMatchObject({ workspaceId: w.workspaceId, kind: 'audit', state: 'complete', fileCount: w.totalFiles });
    }
    expect(local!.byPurpose.map((p) => [p.purpose, p.count]).sort()).toEqual([
      ['assistants', 15],
      ['batch', 15],
    ]);
    // One progress line per workspace was sent while running.
    expect(events.filter((e) => e.runId === runId).every((e) => e.workspaces.length === 3)).toBe(true);
  });

  it('shows an offline workspace (nothing listening at its address) as failed with the connection’s reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const offline = { urls: { vlmrun: `http://127.0.0.1:${port}`, openai: `http://127.0.0.1:${port}`, llamacloud: `http://127.0.0.1:${port}` } } as RunningSandbox;
    const audits = serviceFor([
      { id: 'on', name: 'Online', kind: 'vlmrun', sandbox: () => good },
      { id: 'off', name: 'Offline', kind: 'vlmrun', sandbox: () => offline },
    ]);
    const { runId } = await audits.start();
    const last = await finished(runId);
    expect(last.workspaces.map((w) => w.state)).toEqual(['done', 'failed']);
    expect(last.workspaces[1]!.error?.message).toMatch(/connect|reach|refused/i);
  }, 60_000);

  it('exports every counted file with its workspace in CSV and JSON, and only the chosen workspaces when filtered', async () => {
    const audits = serviceFor(specs);
    const { runId } = await audits.start();
    await finished(runId);
    const csv = join(out, 'all.csv');
    saves.push(csv);
    expect(await audits.export(runId, 'csv', null)).toEqual({ path: csv });
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('workspace,workspaceId,provider,id,name,bytes,size,purpose,createdAt,expiresAt');
    expect(lines).toHaveLength(51);
    expect(lines.filter((l) => l.startsWith('Local sandbox,local,vlmrun,'))).toHaveLength(30);
    expect(lines.filter((l) => l.startsWith('"Acme, ""prod""",acme,openai,'))).toHaveLength(20);

    const json = join(out, 'all.json');
    saves.push(json);
    await audits.export(runId, 'json', ['acme']);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { workspaces: { workspaceId: string }[]; files: { workspace: string; workspaceId: string; name: string }[] };
    expect(parsed.workspaces.map((w) => w.workspaceId)).toEqual(['acme']);
    expect(parsed.files).toHaveLength(20);
    expect(parsed.files.every((f) => f.workspace === 'Acme, "prod"' && f.workspaceId === 'acme' && f.name.startsWith('seed-'))).toBe(true);
  });

  it('cancel all stops the slow workspaces while one that already finished keeps its snapshot', async () => {
    const audits = serviceFor([
      { id: 'quick', name: 'Quick', kind: 'vlmrun', sandbox: () => good },
      { id: 'slow-1', name: 'Slow one', kind: 'openai', sandbox: () => slow },
      { id: 'slow-2', name: 'Slow two', kind: 'openai', sandbox: () => slow },
      { id: 'slow-3', name: 'Slow three', kind: 'openai', sandbox: () => slow },
    ]);
    const { runId } = await audits.start();
    // One audit at a time: asking again while it runs answers the same run.
    expect(await audits.start()).toEqual({ runId });
    while (!events.some((e) => e.runId === runId && e.workspaces[0]!.state === 'done')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(audits.cancel(runId)).toBe(true);
    const last = await finished(runId);
    expect(last.state).toBe('cancelled');
    expect(last.workspaces.map((w) => w.state)).toEqual(['done', 'cancelled', 'cancelled', 'cancelled']);
    const report = audits.result(runId);
    expect(report.workspaces[0]!.snapshotId).not.toBeNull();
    expect(report.workspaces.slice(1).every((w) => w.snapshotId === null)).toBe(true);
    // No half listing is left behind for the cancelled ones.
    expect(listings.catalogue.list('slow-1').every((s) => s.state !== 'complete')).toBe(true);
  });
});
