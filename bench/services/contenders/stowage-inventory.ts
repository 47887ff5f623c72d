/**
 * Contender: Stowage's audit as the app runs it: the real InventoryService streaming a fresh
 * listing (parallel skip/limit pages) into an audit snapshot of a catalogue on disk, then its
 * report from SQL. Args: baseUrl dir (the folder for the catalogue).
 *
 * The measured time ends when the audit is done (its report ready). Beside it: when the last page
 * had been stored (list_ms, to within the service's 200 ms progress interval: listing and inserts
 * overlap; the indexes the report reads are built after), when the snapshot's remaining sort
 * indexes were built in the background (indexed_ms), the CPU time, the process's peak RSS as the
 * kernel counts it over all of that (getrusage; sampling between long synchronous SQLite steps
 * could miss a peak) and the catalogue's size on disk.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROVIDERS } from '../../../shared/models/providers';
import { Catalogue } from '../../../electron/services/catalogue';
import { InventoryService } from '../../../electron/services/inventory/inventory-service';
import { WorkspaceListings } from '../../../electron/services/listings/workspace-listings';
import { HttpClient } from '../../../electron/services/net/client';
import { createAdapter } from '../../../electron/services/providers';
import type { Connection } from '../../../electron/services/workspaces/workspace-service';
import { BENCH_KEY, measure } from '../measure';

const [baseUrl, dir] = process.argv.slice(2) as [string, string];
const http = new HttpClient();
const adapter = createAdapter({ info: PROVIDERS.vlmrun, baseUrl, apiKey: BENCH_KEY, projectId: null, folderId: null, http });
const connection: Connection = {
  workspace: { id: 'bench', name: 'Bench', provider: 'vlmrun', baseUrl, projectId: null, folderId: null, defaultPurpose: null, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false },
  adapter,
  secret: BENCH_KEY,
};
const path = join(dir, `inventory-${process.pid}.sqlite`);
const listings = new WorkspaceListings(await Catalogue.open(path));
let settle: (state: string) => void = () => undefined;
let listedAt = 0;
let started = 0;
const inventory = new InventoryService(
  async () => connection,
  {
    progress: (p) => {
      if (p.state === 'running' && p.pages > 0) listedAt = performance.now();
      if (p.state !== 'running') settle(p.state);
    },
  },
  { pickSavePath: async () => null },
  listings,
);
await measure(async () => {
  started = performance.now();
  const finished = new Promise<string>((resolve) => {
    settle = resolve;
  });
  const { runId } = await inventory.start('bench');
  const state = await finished;
  if (state !== 'done') throw new Error(`the audit ended ${state}`);
  const done = performance.now();
  const report = inventory.result(runId);
  return { files: report.totalFiles, snapshot: report.snapshotId, list_ms: Math.round(listedAt - started), done_ms: Math.round(done - started) };
}, async (figures) => {
  await listings.catalogue.indexed(figures.snapshot ?? 0);
  return {
    indexed_ms: Math.round(performance.now() - started),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    db_mb: Math.round(statSync(path).size / 1024 / 1024),
  };
});
inventory.dispose();
listings.catalogue.close();
await http.close();
