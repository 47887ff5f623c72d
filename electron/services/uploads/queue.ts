import { randomUUID } from 'node:crypto';
import mime from 'mime-types';
import { AppError } from '../../../shared/errors';
import { MAX_PREFLIGHT_LISTED, type Preflight } from '../../../shared/contract/uploads';
import type { DuplicatePolicy, UploadItem, UploadSummary } from '../../../shared/models/uploads';
import { PROVIDERS } from '../../../shared/models/providers';
import type { ActivityLog } from '../activity/activity-log';
import type { WorkspaceListings } from '../listings/workspace-listings';
import type { Connection } from '../workspaces/workspace-service';
import type { ContentRecords } from './content-records';
import { DuplicateFinder } from './duplicates';
import { ItemMachine } from './item-machine';
import { OpenBatches } from './open-batches';
import type { UploadEvents } from './ports';
import { preflight, type PlannedFile } from './preflight';
import { ProgressHub, summarize } from './progress';
import { ACTIVE_STATES, activityOutcome, CLEARABLE_STATES, FINISHED_STATES, newQueueItem, publicItem, type QueueItem } from './queue-item';
import type { QueueStore } from './queue-store';
import { DEFAULT_RETRY, type RetryOptions } from '../net/retry-policy';
import { abortable, abortableSleep } from '../net/sleep';
import { runUpload } from './runner';
import { DEFAULT_PART_OPTIONS, type PartOptions } from './part-session';
import { Slots } from './slots';

/** What the queue needs from the workspaces. */
export interface QueueWorkspaces {
  connect(id: string): Promise<Connection>;
  provider(id: string): Promise<keyof typeof PROVIDERS>;
  concurrencyOf(id: string): number;
}

/** What the queue is built from; tests pass a shorter retry timing and a recording sleep. */
export interface UploadQueueDeps {
  workspaces: QueueWorkspaces;
  events: UploadEvents;
  activity: ActivityLog;
  store: QueueStore;
  /** MD5s of what was uploaded from this computer, to compare contents where the provider cannot. */
  records: ContentRecords;
  retry?: RetryOptions;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told when a workspace gained a file, so its listing is marked stale. */
  onStored?: (workspaceId: string) => void;
  /** Where the name-and-size duplicate check reads the workspace's listing. */
  listings: WorkspaceListings;
  /** How big files are cut into parts; tests use small parts so they run on megabytes. */
  partOptions?: PartOptions;
}

const KEPT_PREFLIGHTS = 20;
/** Longest a state change waits before the queue file is rewritten. */
const PERSIST_DELAY_MS = 500;

/**
 * The upload queue: batches from pre-flight, a bounded number of uploads in flight per workspace
 * (the workspace's setting, fewer at once for large files: slots.ts), commands from the window
 * (cancel, retry, resume, decide, clear), throttled progress events, the activity log, and a copy
 * on disk after every change.
 */
export class UploadQueue {
  private readonly items = new Map<string, QueueItem>();
  private readonly running = new Map<string, AbortController>();
  private readonly waiting = new Map<string, { ids: string[]; head: number }>();
  private readonly preflights = new Map<string, { workspaceId: string; files: PlannedFile[] }>();
  private readonly batches = new OpenBatches();
  private readonly duplicates: DuplicateFinder;
  private readonly hub: ProgressHub;
  private readonly machine: ItemMachine;
  private closing = false;
  private persistTimer: NodeJS.Timeout | null = null;

  private constructor(private readonly deps: UploadQueueDeps) {
    this.duplicates = new DuplicateFinder((item, md5) => this.machine.note(item, { md5 }), deps.listings, deps.records);
    this.hub = new ProgressHub(deps.events, () => this.items.values());
    this.machine = new ItemMachine(
      (item, durable) => {
        this.batches.track(item);
        if (this.closing) return;
        this.hub.touch(item);
        if (durable) this.persist();
        else this.persistSoon();
      },
      (item) => deps.store.sending(item),
    );
  }

  /** Opens the queue with what was saved; unfinished items come back paused. */
  static async open(deps: UploadQueueDeps): Promise<UploadQueue> {
    const queue = new UploadQueue(deps);
    for (const item of await deps.store.load()) {
      queue.items.set(item.id, item);
      queue.batches.track(item);
    }
    return queue;
  }

  async preflight(workspaceId: string, paths: readonly string[]): Promise<Preflight> {
    const info = PROVIDERS[await this.deps.workspaces.provider(workspaceId)];
    const result = await preflight(paths, info);
    const preflightId = randomUUID();
    this.preflights.set(preflightId, { workspaceId, files: result.files });
    while (this.preflights.size > KEPT_PREFLIGHTS) this.preflights.delete(this.preflights.keys().next().value as string);
    return {
      preflightId,
      workspaceId,
      count: result.files.length,
      bytes: result.files.reduce((sum, f) => sum + f.bytes, 0),
      files: result.files.slice(0, MAX_PREFLIGHT_LISTED).map(({ path, name, bytes }) => ({ path, name, bytes })),
      rejected: result.rejected,
      notes: result.notes,
    };
  }

  /** `expiresAfterSeconds` (already within the contract's bounds) is refused where the provider cannot honour it. */
  async start(preflightId: string, purpose: string, policy: DuplicatePolicy, expiresAfterSeconds: number | null = null): Promise<{ batchId: string; queued: number }> {
    const plan = this.preflights.get(preflightId);
    if (!plan) throw new AppError('conflict', 'This upload was already started or has expired. Add the files again.');
    const info = PROVIDERS[await this.deps.workspaces.provider(plan.workspaceId)];
    if (!info.uploadPurposes.includes(purpose)) {
      throw new AppError('invalid_input', `“${purpose}” is not a purpose ${info.label} accepts. Choose one from the list.`);
    }
    if (expiresAfterSeconds !== null && !info.uploadExpiry) {
      throw new AppError('invalid_input', `${info.label} cannot be asked to delete files after a time. Upload them without an expiry.`);
    }
    this.preflights.delete(preflightId);
    const batchId = randomUUID();
    for (const file of plan.files) {
      const contentType = mime.lookup(file.name) || 'application/octet-stream';
      const item = newQueueItem(file, { batchId, workspaceId: plan.workspaceId, purpose, policy, contentType, expiresAfterSeconds });
      this.items.set(item.id, item);
      this.batches.track(item);
      this.enqueue(item);
    }
    this.afterCommand();
    return { batchId, queued: plan.files.length };
  }

  list(): { items: UploadItem[]; summary: UploadSummary } {
    return { items: [...this.items.values()].map(publicItem), summary: summarize(this.items.values()) };
  }

  private select(ids: readonly string[] | undefined, test: (item: QueueItem) => boolean): QueueItem[] {
    const pool = ids ? ids.map((id) => this.items.get(id)).filter((i): i is QueueItem => i !== undefined) : [...this.items.values()];
    return pool.filter(test);
  }

  cancel(ids?: readonly string[]): number {
    const chosen = this.select(ids, (i) => !FINISHED_STATES.has(i.state));
    for (const item of chosen) {
      const session = item.parts;
      this.machine.move(item, 'cancelled');
      this.running.get(item.id)?.abort();
      if (session) void this.cancelOnServer(item.workspaceId, session.uploadId);
    }
    this.afterCommand();
    return chosen.length;
  }

  retry(ids?: readonly string[]): number {
    const chosen = this.select(ids, (i) => i.state === 'failed' || (ids !== undefined && i.state === 'cancelled'));
    for (const item of chosen) this.requeue(item);
    this.afterCommand();
    return chosen.length;
  }

  resume(ids?: readonly string[]): number {
    const chosen = this.select(ids, (i) => i.state === 'paused');
    for (const item of chosen) this.requeue(item);
    this.afterCommand();
    return chosen.length;
  }

  decide(ids: readonly string[] | undefined, action: 'skip' | 'upload'): number {
    const chosen = this.select(ids, (i) => i.state === 'duplicate');
    for (const item of chosen) {
      if (action === 'skip') {
        this.machine.move(item, 'skipped');
        void this.log(item);
        this.settled(item);
      } else {
        this.requeue(item, { forceUpload: true, fileId: null, matchBasis: null });
      }
    }
    this.afterCommand();
    return chosen.length;
  }

  /** Removes done, skipped and cancelled items; failed ones stay so they can be retried. */
  clearFinished(): number {
    let cleared = 0;
    for (const [id, item] of this.items) {
      if (CLEARABLE_STATES.has(item.state)) {
        this.items.delete(id);
        cleared += 1;
      }
    }
    this.afterCommand();
    return cleared;
  }

  /** A cancelled multipart upload: the provider drops its parts (else they expire within the hour). */
  private async cancelOnServer(workspaceId: string, uploadId: string): Promise<void> {
    try {
      const { adapter } = await this.deps.workspaces.connect(workspaceId);
      await adapter.parts?.cancel(uploadId);
    } catch {
      // The provider cannot be reached now; it lets the Upload expire by itself within the hour.
    }
  }

  private requeue(item: QueueItem, patch: { forceUpload?: boolean; fileId?: null; matchBasis?: null } = {}): void {
    this.machine.move(item, 'queued', { ...patch, error: null, attempts: 0, notice: null, resumedFrom: null });
    this.enqueue(item);
  }

  private enqueue(item: QueueItem): void {
    let line = this.waiting.get(item.workspaceId);
    if (!line) {
      line = { ids: [], head: 0 };
      this.waiting.set(item.workspaceId, line);
    }
    line.ids.push(item.id);
  }

  private afterCommand(): void {
    this.pump();
    this.persist();
    this.hub.flush();
  }

  private *runningSizesIn(workspaceId: string): Generator<number> {
    for (const id of this.running.keys()) {
      const item = this.items.get(id);
      if (item?.workspaceId === workspaceId) yield item.bytes;
    }
  }

  /** Starts queued items, in order, while their workspace has places free for them (slots.ts). */
  private pump(): void {
    if (this.closing) return;
    for (const [workspaceId, line] of this.waiting) {
      const slots = new Slots(this.deps.workspaces.concurrencyOf(workspaceId), this.runningSizesIn(workspaceId));
      while (slots.open && line.head < line.ids.length) {
        const item = this.items.get(line.ids[line.head] as string);
        const startable = item !== undefined && item.state === 'queued' && !this.running.has(item.id);
        // A large file with no large place free waits at the head: the line keeps its order.
        if (startable && !slots.take(item.bytes)) break;
        line.head += 1;
        if (startable) this.launch(item);
      }
      if (line.head >= line.ids.length) this.waiting.delete(workspaceId);
      else if (line.head > 1024) {
        line.ids = line.ids.slice(line.head);
        line.head = 0;
      }
    }
  }

  /**
   * Runs one item in a slot of its workspace. The slot is freed when the run ends or, at the
   * latest, when it is cancelled: a Cancel never waits on whatever the run is stuck in, so the
   * next upload in the workspace starts at once (the run itself stops at its next check).
   */
  private launch(item: QueueItem): void {
    const controller = new AbortController();
    this.running.set(item.id, controller);
    const run = runUpload(item, controller.signal, {
      connect: (id) => this.deps.workspaces.connect(id),
      duplicates: this.duplicates,
      retry: this.deps.retry ?? DEFAULT_RETRY,
      sleep: this.deps.sleep ?? abortableSleep,
      machine: this.machine,
      speed: (changed, sent) => this.hub.speed(changed, sent),
      partOptions: this.deps.partOptions ?? DEFAULT_PART_OPTIONS,
      remark: (changed, detail) => {
        void this.deps.activity.record({ action: 'upload', workspaceId: changed.workspaceId, fileId: null, name: changed.name, bytes: changed.bytes, outcome: 'retried', detail });
      },
    });
    run.catch((error: unknown) => console.error('[uploads] an upload stopped unexpectedly:', (error as Error).name));
    void abortable(run, controller.signal)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(item.id);
        if (this.closing) return;
        // Re-queued while this run was ending (the pump skipped it then): it waits its turn again.
        if (item.state === 'queued') this.enqueue(item);
        if (FINISHED_STATES.has(item.state)) void this.log(item);
        if (item.state === 'done') this.deps.onStored?.(item.workspaceId);
        this.settled(item);
        this.pump();
      });
  }

  /**
   * Releases what a batch held (its listing for the name-and-size duplicate check) once none of
   * its items can run again without the user: nothing queued, running, paused or waiting on a
   * duplicate decision. A retry later simply reads the listing afresh.
   */
  private settled(item: QueueItem): void {
    if (this.batches.settled(item.batchId)) this.duplicates.forgetBatch(item.batchId);
  }

  /** How many batches' listings the duplicate check still holds (released as batches settle). */
  get heldListings(): number {
    return this.duplicates.heldBatches;
  }

  private async log(item: QueueItem): Promise<void> {
    if (item.state === 'cancelled') return;
    const kind = await this.deps.workspaces.provider(item.workspaceId).catch(() => null);
    const { outcome, detail } = activityOutcome(item, kind ? PROVIDERS[kind].label : 'The provider');
    await this.deps.activity.record({ action: 'upload', workspaceId: item.workspaceId, fileId: item.fileId, name: item.name, bytes: item.bytes, outcome, detail });
  }

  private persist(): void {
    if (this.closing) return;
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    void this.deps.store.save(() => [...this.items.values()]).catch((error: unknown) => {
      console.error('[uploads] could not save the queue:', (error as Error).message);
    });
  }

  /**
   * Saves soon rather than now: uploads change state many times a second, and a lost half-second
   * of states is harmless (a restored item that may have been sent is checked before resending).
   */
  private persistSoon(): void {
    if (this.closing || this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.persist(), PERSIST_DELAY_MS);
  }

  /** Whether every item has settled (nothing queued or running); for tests and shutdown. */
  get idle(): boolean {
    return this.running.size === 0 && ![...this.items.values()].some((i) => i.state === 'queued' || ACTIVE_STATES.has(i.state));
  }

  /**
   * Stops for quit: the last saved copy keeps in-flight items as they were, so the next start
   * restores them paused (and checks before resending); then the requests are aborted.
   */
  async close(): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    await this.deps.store.save(() => [...this.items.values()]);
    this.closing = true;
    this.hub.dispose();
    for (const controller of this.running.values()) controller.abort();
  }
}
