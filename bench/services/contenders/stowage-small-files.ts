/**
 * Contender: the whole Stowage upload path (composeServices: workspace, pre-flight, queue with
 * its persistence, events and activity log) sends a folder of small files. Args: baseUrl dir concurrency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '../../../electron/app/compose';
import { writeJsonFile } from '../../../electron/services/storage/json-file';
import { BENCH_KEY, measure } from '../measure';

const [baseUrl, dir, concurrency] = process.argv.slice(2) as [string, string, string];
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-small-app-'));
const record = { id: 'bench', name: 'Bench', provider: 'vlmrun', baseUrl, projectId: null, folderId: null, defaultPurpose: 'assistants', concurrency: Number(concurrency), keyStorage: 'session' };
await writeJsonFile(join(dataDir, 'workspaces.json'), { version: 1, activeId: 'bench', workspaces: [record] });
let settled: (() => void) | null = null;
let expected = Number.POSITIVE_INFINITY;
const composed = await composeServices({
  appInfo: { name: 'bench', version: '0', platform: process.platform },
  platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
  dataDir,
  emit: (channel, payload) => {
    if (channel !== 'uploads:summary') return;
    const s = payload as { done: number; failed: number; skipped: number };
    if (s.done + s.failed + s.skipped >= expected) settled?.();
  },
  startSandbox: async () => {
    throw new Error('not used');
  },
  loadKeytar: async () => {
    throw new Error('no keychain in the benchmark');
  },
});
const { workspaces, uploads } = composed.services;
await workspaces.save({ ...record, provider: 'vlmrun', apiKey: BENCH_KEY, keyStorage: 'session' });
await measure(async () => {
  const plan = await uploads.preflight('bench', [dir]);
  const done = new Promise<void>((resolve) => {
    settled = resolve;
  });
  expected = plan.count;
  await uploads.start(plan.preflightId, 'assistants', 'skip');
  await done;
  const summary = uploads.list().summary;
  return { files: plan.count, done: summary.done, failed: summary.failed };
});
await composed.dispose();
rmSync(dataDir, { recursive: true, force: true });
