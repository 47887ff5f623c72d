/**
 * Contender: Stowage's upload queue, as the app runs it (pre-flight, default settings: purpose,
 * "ask" for duplicates, 3 uploads per workspace, the app's retry rules and part options), takes
 * one big file from "dropped" to "done" on an OpenAI-dialect server. Args: `start <baseUrl>
 * <dataDir> <path>` or `resume <baseUrl> <dataDir>` (reopens the queue from its data dir, as after
 * a restart, and resumes what came back paused). Prints `progress <sentBytes>` lines while it
 * works, so a benchmark can break the network or kill the process at a chosen point.
 * STOWAGE_PART_OPTIONS (JSON) overrides the part options, for the tuning benchmark only.
 */
import { performance } from 'node:perf_hooks';
import { PROVIDERS } from '../../../shared/models/providers';
import { DEFAULT_CONCURRENCY } from '../../../shared/models/workspaces';
import { join } from 'node:path';
import { ActivityLog } from '../../../electron/services/activity/activity-log';
import { Catalogue } from '../../../electron/services/catalogue';
import { WorkspaceListings } from '../../../electron/services/listings/workspace-listings';
import { JsonContentRecords } from '../../../electron/services/uploads/content-records';
import { HttpClient } from '../../../electron/services/net/client';
import { createAdapter } from '../../../electron/services/providers';
import type { PartOptions } from '../../../electron/services/uploads/part-session';
import { UploadQueue } from '../../../electron/services/uploads/queue';
import { QueueStore } from '../../../electron/services/uploads/queue-store';
import type { Connection } from '../../../electron/services/workspaces/workspace-service';
import { BENCH_KEY, measure } from '../measure';

const [mode, baseUrl, dataDir, path] = process.argv.slice(2) as ['start' | 'resume', string, string, string | undefined];
const kind = 'openai';
const info = PROVIDERS[kind];
const http = new HttpClient();
const adapter = createAdapter({ info, baseUrl, apiKey: BENCH_KEY, projectId: null, folderId: null, http });
const workspace: Connection['workspace'] = {
  id: 'bench', name: 'Bench', provider: kind, baseUrl, projectId: null, folderId: null, defaultPurpose: info.defaultPurpose,
  concurrency: DEFAULT_CONCURRENCY, keyStorage: 'session', hasKey: true, builtIn: false,
};
const activity = new ActivityLog(dataDir);
await activity.load();
const records = new JsonContentRecords(dataDir);
await records.load();
const listings = new WorkspaceListings(await Catalogue.open(join(dataDir, 'catalogue.sqlite')));
let settled: () => void = () => undefined;
let verifyingAt: number | null = null;
const finished = new Promise<void>((resolve) => {
  settled = resolve;
});
const queue = await UploadQueue.open({
  workspaces: { connect: async () => ({ workspace, adapter, secret: BENCH_KEY }), provider: async () => kind, concurrencyOf: () => DEFAULT_CONCURRENCY },
  events: {
    progress: (items) => {
      for (const item of items) {
        if (item.state === 'uploading' || item.state === 'verifying') process.stdout.write(`progress ${item.sentBytes}\n`);
        if (item.state === 'verifying') verifyingAt ??= performance.now();
      }
    },
    summary: (s) => {
      if (s.total > 0 && s.done + s.kept + s.failed + s.cancelled + s.skipped === s.total) settled();
    },
  },
  activity,
  store: new QueueStore(dataDir),
  records,
  listings,
  onStored: (id) => listings.markStale(id),
  partOptions: process.env.STOWAGE_PART_OPTIONS ? (JSON.parse(process.env.STOWAGE_PART_OPTIONS) as PartOptions) : undefined,
});
await measure(async () => {
  const started = performance.now();
  if (mode === 'start') {
    const plan = await queue.preflight('bench', [path as string]);
    await queue.start(plan.preflightId, info.defaultPurpose, 'ask');
  } else {
    queue.resume();
  }
  await finished;
  const [item] = queue.list().items;
  if (item?.state !== 'done') throw new Error(`the upload ended ${item?.state}: ${item?.error?.message ?? ''}`);
  return { bytes: item.bytes, resumed_from: item.resumedFrom ?? 0, sending_ms: Math.round((verifyingAt ?? performance.now()) - started) };
});
await queue.close();
listings.catalogue.close();
await http.close();
