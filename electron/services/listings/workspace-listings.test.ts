import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { Catalogue, type SnapshotInfo } from '../catalogue';
import { HttpClient } from '../net/client';
import type { ProviderAdapter } from '../providers/types';
import { adapterFor, seed, startTestSandbox } from '../../../test/support/services';
import { WorkspaceListings } from './workspace-listings';

let sandbox: RunningSandbox;
const http = new HttpClient();
let adapter: ProviderAdapter;
let dir: string;
let listings: WorkspaceListings;
const clock = { now: Date.now() };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seed(sandbox.urls.vlmrun, 1500, ['assistants', 'batch']);
  adapter = adapterFor('vlmrun', sandbox.urls.vlmrun, http);
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stowage-listings-'));
  listings = new WorkspaceListings(await Catalogue.open(join(dir, 'catalogue.sqlite'), { now: () => clock.now }), {
    maxAgeMs: 60_000,
    keepListings: 2,
    keepAudits: 2,
  });
});

afterEach(() => {
  listings.catalogue.close();
  rmSync(dir, { recursive: true, force: true });
});

const complete = (workspaceId: string, kind: SnapshotInfo['kind']) =>
  listings.catalogue
    .list(workspaceId)
    .filter((s) => s.kind === kind && s.state === 'complete')
    .map((s) => s.id);

describe('WorkspaceListings', () => {
  it('makes concurrent callers share one listing, and reuses it until files:changed marks it stale', async () => {
    const [a, b] = await Promise.all([listings.current('ws', adapter), listings.current('ws', adapter)]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ kind: 'listing', state: 'complete', fileCount: 1500 });
    expect(listings.catalogue.list('ws')).toHaveLength(1);
    expect((await listings.current('ws', adapter)).id).toBe(a.id);

    listings.markStale('ws');
    const after = await listings.current('ws', adapter);
    expect(after.id).toBeGreaterThan(a.id);
    expect(listings.catalogue.list('ws')).toHaveLength(2);
  });

  it('lists again once the current listing is older than its age limit', async () => {
    const first = await listings.current('ws', adapter);
    clock.now += 30_000;
    expect((await listings.current('ws', adapter)).id).toBe(first.id);
    clock.now += 31_000;
    expect((await listings.current('ws', adapter)).id).toBeGreaterThan(first.id);
  });

  it('keeps audits apart from routine listings: refreshing the table never evicts the audit history', async () => {
    const audits: number[] = [];
    for (let i = 0; i < 3; i += 1) audits.push((await listings.audit('ws', adapter)).id);
    expect(complete('ws', 'audit')).toEqual([audits[2], audits[1]]);

    const tables: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      listings.markStale('ws');
      tables.push((await listings.current('ws', adapter)).id);
    }
    expect(complete('ws', 'listing')).toEqual([tables[3], tables[2]]);
    expect(complete('ws', 'audit')).toEqual([audits[2], audits[1]]);
    expect(listings.catalogue.current('ws')?.id).toBe(tables[3]);
  });

  it('an audit becomes the current listing, so the table reads it instead of listing again', async () => {
    const audit = await listings.audit('ws', adapter);
    expect(listings.catalogue.current('ws')?.id).toBe(audit.id);
    expect((await listings.current('ws', adapter)).id).toBe(audit.id);
  });

  it('never drops a held snapshot, and lets retention have it once released', async () => {
    const held = await listings.current('ws', adapter);
    const release = listings.hold(held.id);
    for (let i = 0; i < 3; i += 1) {
      listings.markStale('ws');
      await listings.current('ws', adapter);
    }
    expect(listings.catalogue.snapshot(held.id)?.state).toBe('complete');
    expect(listings.catalogue.page(held.id, { limit: 1 }).total).toBe(1500);
    release();
    release();
    expect(listings.heldSnapshots).toBe(0);
    listings.markStale('ws');
    await listings.current('ws', adapter);
    expect(listings.catalogue.snapshot(held.id)).toBeNull();
  });

  it('records deletions: the listing turns stale and an audit\'s live view leaves the files out', async () => {
    const audit = await listings.audit('ws', adapter);
    const victims = listings.catalogue.page(audit.id, { limit: 3 }).files.map((f) => f.id);
    expect(listings.catalogue.isFresh('ws', 60_000)).toBe(true);
    listings.deleted('ws', victims);
    expect(listings.catalogue.isFresh('ws', 60_000)).toBe(false);
    expect(listings.catalogue.page(audit.id, { limit: 1, excludeDeleted: true }).total).toBe(1497);
    expect(listings.catalogue.tally(audit.id, { excludeDeleted: true }).count).toBe(1497);
    expect(listings.catalogue.page(audit.id, { limit: 1 }).total).toBe(1500);
    expect(listings.catalogue.page(audit.id, { limit: 1500, excludeDeleted: true }).files.some((f) => victims.includes(f.id))).toBe(false);
  });

  it('cancelling an audit drops its partial snapshot and leaves the current listing as it was', async () => {
    const before = await listings.current('ws', adapter);
    const controller = new AbortController();
    let pages = 0;
    const audit = listings.audit('ws', adapter, {
      signal: controller.signal,
      onPage: () => {
        pages += 1;
        controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(audit).rejects.toThrow('stopped by the user');
    expect(pages).toBe(1);
    expect(listings.catalogue.list('ws')[0]).toMatchObject({ kind: 'audit', state: 'cancelled' });
    expect(listings.catalogue.current('ws')?.id).toBe(before.id);
  });
});
