/**
 * Seeding through the real CLI, then paging the seeded store to the end with each official SDK:
 * every file exactly once, in order, with deep pages going through the offset anchors.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import LlamaCloud from '@llamaindex/llama-cloud';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VlmRun } from 'vlmrun';
import { startSandbox, type RunningSandbox } from './index';

const KEY = 'seed-key';
const COUNT = 2500;
const SEED_CLI = join(dirname(fileURLToPath(import.meta.url)), 'seed-cli.ts');
let sandbox: RunningSandbox;

async function seed(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SEED_CLI, ...args]);
  return stdout;
}

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY] });
});
afterAll(async () => {
  await sandbox.close();
});

describe('sandbox:seed', () => {
  it('fills VLM Run, and skip/limit paging returns every file once, newest first', async () => {
    expect(await seed(sandbox.urls.vlmrun, KEY, '--files', String(COUNT))).toMatch(new RegExp(`^seeded ${COUNT} files`));
    const client = new VlmRun({ apiKey: KEY, baseURL: sandbox.urls.vlmrun });
    const names: string[] = [];
    for (let skip = 0; ; skip += 300) {
      const page = await client.files.list({ skip, limit: 300 });
      names.push(...page.map((f) => f.filename));
      if (page.length < 300) break;
    }
    expect(names).toHaveLength(COUNT);
    expect(names[0]).toBe(`seed-${String(COUNT).padStart(6, '0')}.txt`);
    expect(names[COUNT - 1]).toBe('seed-000001.txt');
    expect(new Set(names).size).toBe(COUNT);
  });

  it('fills an OpenAI folder and a LlamaCloud project, and their cursors walk to the end', async () => {
    await seed(sandbox.urls.openai, KEY, '--files', String(COUNT), '--project', 'folder-x', '--purpose', 'batch', '--purpose', 'user_data');
    const openai = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, project: 'folder-x', maxRetries: 0 });
    const ids = new Set<string>();
    for await (const f of openai.files.list({ limit: 700, purpose: 'batch' })) ids.add(f.id);
    expect(ids.size).toBe(COUNT / 2);

    const project = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    await seed(sandbox.urls.llamacloud, KEY, '--files', String(COUNT), '--project', project);
    const llama = new LlamaCloud({ apiKey: KEY, baseURL: sandbox.urls.llamacloud, maxRetries: 0 });
    const names: string[] = [];
    for await (const f of llama.files.list({ project_id: project, page_size: 900, order_by: 'name' })) names.push(f.name);
    expect(names).toHaveLength(COUNT);
    expect(names).toEqual([...names].sort());
  });
});
