/** A real upload queue wired to a real sandbox, for the uploads tests (no HTTP is mocked). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventChannel, EventPayload } from '../../shared/contract';
import { PROVIDERS, type ProviderKind } from '../../shared/models/providers';
import type { UploadItem } from '../../shared/models/uploads';
import { eventSinks, type Emit } from '../../electron/app/events';
import { ActivityLog } from '../../electron/services/activity/activity-log';
import { Catalogue } from '../../electron/services/catalogue';
import { WorkspaceListings } from '../../electron/services/listings/workspace-listings';
import type { HttpClient } from '../../electron/services/net/client';
import type { ProviderAdapter } from '../../electron/services/providers/types';
import { adapterFor, TEST_KEY } from './services';
import { UploadQueue } from '../../electron/services/uploads/queue';
import { QueueStore } from '../../electron/services/uploads/queue-store';
import { JsonContentRecords } from '../../electron/services/uploads/content-records';
import type { RetryOptions } from '../../electron/services/net/retry-policy';
import type { PartOptions } from '../../electron/services/uploads/part-session';

/** Same rules, millisecond waits: the tests prove the decisions, not the clock. */
export const FAST_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 10_000 };

/** A queue under test, with everything it emitted and every wait it asked for. */
export interface QueueHarness {
  queue: UploadQueue;
  dataDir: string;
  events: { channel: EventChannel; payload: unknown }[];
  sleeps: number[];
  activity: ActivityLog;
  /** The listings the duplicate check reads (a catalogue in the data folder). */
  listings: WorkspaceListings;
  /** Every progress event's copy of one item, in order. */
  history(itemId: string): UploadItem[];
  close(): Promise<void>;
}

/** Waits until `test()` holds, checking every few milliseconds (a condition, not a deadline). */
export async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Opens a queue whose workspaces "ws-<kind>" all point at the given base URLs. */
export async function openQueue(
  http: HttpClient,
  baseUrls: Partial<Record<ProviderKind, string>>,
  options: {
    dataDir?: string;
    concurrency?: number;
    retry?: RetryOptions;
    partOptions?: PartOptions;
    /** Wraps each workspace's real adapter, e.g. to hold a call until the test lets it go. */
    wrapAdapter?: (adapter: ProviderAdapter) => ProviderAdapter;
  } = {},
): Promise<QueueHarness> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stowage-queue-'));
  const events: QueueHarness['events'] = [];
  const sleeps: number[] = [];
  const adapters = new Map<string, ProviderAdapter>();
  const kindOf = (id: string) => id.replace(/^ws-/, '') as ProviderKind;
  const emit: Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => {
    events.push({ channel, payload: structuredClone(payload) });
  };
  const activity = new ActivityLog(dataDir);
  await activity.load();
  const records = new JsonContentRecords(dataDir);
  await records.load();
  const listings = new WorkspaceListings(await Catalogue.open(join(dataDir, 'catalogue.sqlite')));
  const queue = await UploadQueue.open({
    listings,
    onStored: (id) => listings.markStale(id),
    workspaces: {
      provider: async (id) => kindOf(id),
      concurrencyOf: () => options.concurrency ?? 3,
      connect: async (id) => {
        const kind = kindOf(id);
        let adapter = adapters.get(id);
        if (!adapter) {
          adapter = adapterFor(kind, baseUrls[kind] ?? 'http://127.0.0.1:1', http);
          if (options.wrapAdapter) adapter = options.wrapAdapter(adapter);
          adapters.set(id, adapter);
        }
        const workspace = { id, name: id, provider: kind, baseUrl: '', projectId: null, folderId: null, defaultPurpose: PROVIDERS[kind].defaultPurpose, concurrency: 3, keyStorage: null, hasKey: true, builtIn: false };
        return { workspace, adapter, secret: TEST_KEY };
      },
    },
    events: eventSinks(emit).uploads,
    activity,
    store: new QueueStore(dataDir),
    records,
    retry: options.retry ?? FAST_RETRY,
    partOptions: options.partOptions,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      const { abortableSleep } = await import('../../electron/services/net/sleep');
      await abortableSleep(ms, signal);
    },
  });
  return {
    queue,
    dataDir,
    events,
    sleeps,
    activity,
    listings,
    history: (itemId) =>
      events.flatMap((e) => (e.channel === 'uploads:progress' ? (e.payload as { items: UploadItem[] }).items.filter((i) => i.id === itemId) : [])),
    async close() {
      await queue.close();
      listings.catalogue.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Pre-flights the paths for workspace `ws-<kind>` and starts the batch; returns the new items. */
export async function enqueue(h: QueueHarness, kind: ProviderKind, paths: string[], purpose: string, policy: 'ask' | 'skip' | 'upload' = 'upload'): Promise<UploadItem[]> {
  const plan = await h.queue.preflight(`ws-${kind}`, paths);
  const { batchId } = await h.queue.start(plan.preflightId, purpose, policy);
  return h.queue.list().items.filter((i) => i.batchId === batchId);
}

/** The current copy of an item. */
export function itemOf(h: QueueHarness, id: string): UploadItem {
  const item = h.queue.list().items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}
