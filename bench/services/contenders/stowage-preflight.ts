/**
 * Contender: pre-flight of dropped folders as the window asks for it: the app core's handler
 * table registers each dropped path for a grant, then `uploads:preflight` spends the grants, walks
 * the tree and answers the dialog's summary (checked against the contract). Args: path...
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices, createHandlers, dispatch } from '../../../electron/app';
import { writeJsonFile } from '../../../electron/services/storage/json-file';
import type { Preflight } from '../../../shared/contract/uploads';
import { measure } from '../measure';

const paths = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-preflight-app-'));
// A VLM Run workspace (2 GiB per file); pre-flight never contacts it.
const record = { id: 'bench', name: 'Bench', provider: 'vlmrun', baseUrl: 'http://127.0.0.1:9/vlmrun/v1', projectId: null, folderId: null, defaultPurpose: 'assistants', concurrency: 8, keyStorage: null };
await writeJsonFile(join(dataDir, 'workspaces.json'), { version: 1, activeId: 'bench', workspaces: [record] });
const composed = await composeServices({
  appInfo: { name: 'bench', version: '0', platform: process.platform },
  platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
  dataDir,
  emit: () => undefined,
  startSandbox: async () => {
    throw new Error('not used');
  },
  loadKeytar: async () => {
    throw new Error('no keychain in the benchmark');
  },
});
const handlers = createHandlers(composed.services);

/** One call through the handler table; a failure ends the benchmark. */
async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

await measure(async () => {
  const grants: string[] = [];
  for (const path of paths) grants.push((await call<{ token: string }>('drop:register', { path })).token);
  const plan = await call<Preflight>('uploads:preflight', { workspaceId: 'bench', grants });
  return { files: plan.count, rejected: plan.rejected.length, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) };
});
await composed.dispose();
rmSync(dataDir, { recursive: true, force: true });
