/**
 * Seeding through the real CLI, then paging the seeded store to the end with each official SDK:
 * every file exactly once, in order, with deep pages going through the offset anchors; and
 * OpenAI files seeded to expire, so audits of soon-to-expire files have something to find.
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
import { fetchJson } from '../../test/support/sandbox-fixtures';

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

  it('seeds OpenAI files that expire within 7 days, later, or never, by file number across batches', async () => {
    const DAY = 24 * 3600;
    const cycle = [2 * DAY, 6 * DAY, 10 * DAY, null];
    const flags = cycle.flatMap((s) => ['--expires-in', s === null ? 'never' : String(s)]);
    await seed(sandbox.urls.openai, KEY, '--files', '7', '--project', 'folder-exp', ...flags);
    const more = await fetchJson(`${sandbox.urls.openai}/_sandbox/seed`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'OpenAI-Project': 'folder-exp', 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 5, start: 7, expires_in_seconds: cycle }),
    });
    expect(more.status).toBe(200);

    const openai = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, project: 'folder-exp', maxRetries: 0 });
    const lifetimes = new Map<string, number | null>();
    for await (const f of openai.files.list()) lifetimes.set(f.filename, f.expires_at == null ? null : f.expires_at - f.created_at);
    expect(lifetimes.size).toBe(12);
    for (let n = 1; n <= 12; n += 1) expect(lifetimes.get(`seed-${String(n).padStart(6, '0')}.txt`)).toBe(cycle[(n - 1) % 4]);

    sandbox.setClockOffset(3 * DAY * 1000);
    try {
      const left: string[] = [];
      for await (const f of openai.files.list()) left.push(f.filename);
      expect(left).toHaveLength(9);
      expect(left).not.toContain('seed-000001.txt');
    } finally {
      sandbox.setClockOffset(0);
    }
  });

  it('refuses expiring seeds outside OpenAI and lifetimes outside 1..2592000 seconds', async () => {
    const post = (base: string, body: unknown) =>
      fetchJson(`${base}/_sandbox/seed`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(sandbox.urls.vlmrun, { count: 1, expires_in_seconds: [3600] })).status).toBe(422);
    for (const bad of [[0], [2_592_001], [], [1.5], ['3600']]) {
      const res = await post(sandbox.urls.openai, { count: 1, expires_in_seconds: bad });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { param: 'expires_in_seconds', type: 'invalid_request_error' } });
    }
  });
});
