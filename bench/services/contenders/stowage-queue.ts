/**
 * Contender: what an operator waits for. The whole app core (composeServices and its handler
 * table, as the window reaches it) takes a drop from "files dropped" to "every item done": each
 * dropped path is registered for a grant, pre-flight spends the grants, the batch starts with
 * the pre-flight dialog's defaults (duplicate policy "Ask me", the workspace's default
 * concurrency), and the queue runs with its real retries, persistence, progress events and
 * activity log. Args: baseUrl path... ; `--policy <p>` and `--concurrency <n>` change a default.
 * Fails unless every file ends "done" (a duplicate would mean an earlier run's copy was left).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeServices, createHandlers, dispatch } from '../../../electron/app';
import { writeJsonFile } from '../../../electron/services/storage/json-file';
import { DEFAULT_CONCURRENCY } from '../../../shared/models/workspaces';
import type { Preflight } from '../../../shared/contract/uploads';
import type { UploadSummary } from '../../../shared/models/uploads';
import { BENCH_KEY, measure } from '../measure';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const policy = option('policy') ?? 'ask';
const concurrency = Number(option('concurrency') ?? DEFAULT_CONCURRENCY);
const [baseUrl, ...paths] = args as [string, ...string[]];

const dataDir = mkdtempSync(join(tmpdir(), 'stowage-queue-app-'));
const record = { id: 'bench', name: 'Bench', provider: 'vlmrun', baseUrl, projectId: null, folderId: null, defaultPurpose: 'assistants', concurrency, keyStorage: 'session' };
await writeJsonFile(join(dataDir, 'workspaces.json'), { version: 1, activeId: 'bench', workspaces: [record] });

let summary: UploadSummary | null = null;
let progressEvents = 0;
let onSummary: (() => void) | null = null;
const composed = await composeServices({
  appInfo: { name: 'bench', version: '0', platform: process.platform },
  platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
  dataDir,
  emit: (channel, payload) => {
    if (channel === 'uploads:progress') progressEvents += 1;
    if (channel !== 'uploads:summary') return;
    summary = payload as UploadSummary;
    onSummary?.();
  },
  startSandbox: async () => {
    throw new Error('not used');
  },
  loadKeytar: async () => {
    throw new Error('no keychain in the benchmark');
  },
});
const handlers = createHandlers(composed.services);
await composed.services.workspaces.save({ ...record, provider: 'vlmrun', apiKey: BENCH_KEY, keyStorage: 'session' });

/** One call through the handler table; a failure ends the benchmark. */
async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

await measure(async () => {
  const started = performance.now();
  const grants: string[] = [];
  for (const path of paths) grants.push((await call<{ token: string }>('drop:register', { path })).token);
  const plan = await call<Preflight>('uploads:preflight', { workspaceId: 'bench', grants });
  const preflightMs = performance.now() - started;
  const settled = () => summary !== null && summary.total === plan.count && summary.queued + summary.active === 0;
  const done = new Promise<void>((resolve) => {
    onSummary = () => settled() && resolve();
  });
  await call('uploads:start', { preflightId: plan.preflightId, purpose: 'assistants', duplicatePolicy: policy });
  await done;
  const final = summary as unknown as UploadSummary;
  if (final.done !== plan.count) throw new Error(`not every file was uploaded: ${JSON.stringify(final)}`);
  return { files: plan.count, done: final.done, preflight_ms: Math.round(preflightMs), progress_events: progressEvents };
});
await composed.dispose();
rmSync(dataDir, { recursive: true, force: true });
