/**
 * What the bad-input corpora share: a batch started the way the window starts one (each chosen
 * path granted, pre-flight through the real `uploads:preflight` handler, which spends the grants),
 * waited on until it settles; and a watch for anything that would count as a crash (an unhandled
 * rejection, an uncaught exception, or the queue reporting that an upload run blew up).
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import type { Preflight } from '../../shared/contract/uploads';
import type { AppErrorShape } from '../../shared/errors';
import type { ProviderKind } from '../../shared/models/providers';
import type { UploadItem } from '../../shared/models/uploads';
import { createUploadHandlers } from '../../electron/app/handlers/uploads';
import type { ProviderAdapter } from '../../electron/services/providers/types';
import { PathGrants } from '../../electron/services/uploads/path-grants';
import { until, type QueueHarness } from './queue';

/** A purpose each dialect accepts. */
export const PURPOSE: Record<ProviderKind, string> = { vlmrun: 'assistants', openai: 'user_data', yandex: 'assistants', llamacloud: 'parse' };

/** What the operator is told about one bad local input. */
export type LocalOutcome =
  /** Pre-flight refused it with this reason (at `at`, a path under the chosen one, if not the chosen path itself). */
  | { rejected: string; at?: (chosen: string) => string }
  /** The upload failed with exactly this error. */
  | { failed: AppErrorShape }
  /** Every file found under the chosen path was uploaded, stored under these names in this order. */
  | { stored: string[] }
  /** Pre-flight planned this many files (the batch is cancelled once the good file is done). */
  | { planned: number };

/** One row of the local corpus. */
export interface LocalCase {
  name: string;
  kind: ProviderKind;
  /** Makes the bad input inside `dir` (a fresh folder of its own) and returns the path chosen. */
  make(dir: string): string;
  /** Changes it after pre-flight, before the upload starts. */
  between?(chosen: string): void;
  expect: LocalOutcome;
}

/** States an item leaves by itself. */
const MOVING = new Set(['queued', 'hashing', 'uploading', 'verifying']);

/** One settled batch: what pre-flight said, and every item as it ended. */
export interface SettledBatch {
  plan: Preflight;
  items: UploadItem[];
  /** The item for a path, or a test failure naming the path. */
  item(path: string): UploadItem;
}

/** How a corpus case runs its batch. */
export interface BatchOptions {
  /** Changes the disk after pre-flight (the file deleted, truncated, swapped...), before the start. */
  between?: () => void;
  /** Waits only for the items of these paths, then cancels the rest (a folder of 10,000 files). */
  waitFor?: readonly string[];
}

/**
 * Chooses `paths` for workspace `ws-<kind>` as the window would, pre-flights them, starts the
 * batch under "upload anyway" and waits until nothing in it moves any more.
 */
export async function chooseAndUpload(h: QueueHarness, kind: ProviderKind, paths: readonly string[], options: BatchOptions = {}): Promise<SettledBatch> {
  const grants = new PathGrants();
  const handlers = createUploadHandlers(h.queue, h.activity, grants);
  const plan = await handlers['uploads:preflight']({ workspaceId: `ws-${kind}`, grants: paths.map((p) => grants.grant(p).token) });
  options.between?.();
  const batch = plan.count > 0 ? (await handlers['uploads:start']({ preflightId: plan.preflightId, purpose: PURPOSE[kind], duplicatePolicy: 'upload' })).batchId : null;
  const mine = () => h.queue.list().items.filter((i) => i.batchId === batch);
  if (options.waitFor) {
    const awaited = new Set(options.waitFor);
    const ids = mine().filter((i) => awaited.has(i.path)).map((i) => i.id);
    await until(() => ids.every((id) => !MOVING.has(h.queue.list().items.find((i) => i.id === id)?.state ?? 'queued')));
    await handlers['uploads:cancel']({ itemIds: mine().filter((i) => !awaited.has(i.path)).map((i) => i.id) });
  }
  await until(() => !mine().some((i) => MOVING.has(i.state)));
  const items = mine();
  return {
    plan,
    items,
    item(path) {
      const found = items.find((i) => i.path === path);
      if (!found) throw new Error(`no upload item for ${path}; items: ${items.map((i) => i.path).join(', ')}`);
      return found;
    },
  };
}

/** Everything that would have been a crash, recorded while a corpus runs. */
export class CrashWatch {
  readonly seen: string[] = [];
  private readonly onError = (error: unknown) => this.seen.push(`unhandled: ${(error as Error)?.name ?? String(error)}`);
  private readonly consoleError = console.error;

  start(): void {
    process.on('unhandledRejection', this.onError);
    process.on('uncaughtException', this.onError);
    console.error = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('[uploads] an upload stopped unexpectedly')) this.seen.push(args.join(' '));
      this.consoleError(...args);
    };
  }

  stop(): void {
    process.off('unhandledRejection', this.onError);
    process.off('uncaughtException', this.onError);
    console.error = this.consoleError;
  }
}

let goods = 0;

/**
 * Runs one local case in a batch with a good file beside it, and checks what the operator is
 * told (the exact words), that the good file was stored, and that nothing crashed.
 */
export async function checkLocalCase(h: QueueHarness, c: LocalCase, dirs: { bad: string; good: string }, adapter: ProviderAdapter, watch: CrashWatch): Promise<void> {
  goods += 1;
  const good = join(dirs.good, `good-${goods}.txt`);
  writeFileSync(good, `a good file beside “${c.name}”, number ${goods}`);
  const chosen = c.make(dirs.bad);
  const outcome = c.expect;
  const batch = await chooseAndUpload(h, c.kind, [good, chosen], {
    between: c.between && (() => c.between?.(chosen)),
    waitFor: 'planned' in outcome ? [good] : undefined,
  });
  const stored = batch.item(good);
  expect(stored).toMatchObject({ state: 'done', error: null });
  expect((await adapter.get(stored.fileId as string)).name).toBe(basename(good));
  const others = batch.items.filter((i) => i.path !== good);
  if ('rejected' in outcome) {
    expect(batch.plan.rejected).toEqual([{ path: outcome.at?.(chosen) ?? chosen, reason: outcome.rejected }]);
    expect(others).toEqual([]);
  } else if ('failed' in outcome) {
    expect(batch.plan.rejected).toEqual([]);
    expect(others.map((i) => ({ state: i.state, error: i.error, fileId: i.fileId }))).toEqual([{ state: 'failed', error: outcome.failed, fileId: null }]);
  } else if ('stored' in outcome) {
    expect(batch.plan.rejected).toEqual([]);
    expect(others.map((i) => i.state)).toEqual(outcome.stored.map(() => 'done'));
    const names = await Promise.all(others.map(async (i) => (await adapter.get(i.fileId as string)).name));
    expect(names).toEqual(outcome.stored);
    expect(new Set(others.map((i) => i.fileId)).size).toBe(others.length);
  } else {
    expect(batch.plan).toMatchObject({ count: outcome.planned + 1, rejected: [] });
  }
  expect(watch.seen).toEqual([]);
}
