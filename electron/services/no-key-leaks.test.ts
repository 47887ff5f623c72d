/**
 * The key goes in once and never comes out: drives every channel through the real dispatch path
 * (zod in, handler, zod out) with real services and a real sandbox, then scans every response,
 * every pushed event, everything printed, and every file in the data folder for the keys.
 */
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../app/handlers';
import type { RunningSandbox } from '../sandbox';
import { composeServices, type Composed } from '../app/compose';
import { containsPiece, startKeyWitness, type KeyWitness } from '../../test/support/key-witness';
import { startInProcess, startTestSandbox, TEST_KEY } from '../../test/support/services';

/** Ends in letters no id or hash uses, so even the 4-character tail some servers echo is caught. */
const WRONG_KEY = 'sk-wrong-b7e1d2c3a4f50617283QZXW';
let sandbox: RunningSandbox;
/** A server that repeats the start and end of the key it is sent in every error (see key-witness.ts). */
let echo: KeyWitness;
let composed: Composed;
let handlers: Handlers;
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-leak-'));
const uploadsDir = mkdtempSync(join(tmpdir(), 'stowage-leak-files-'));
const seen: string[] = [];
const printed: string[] = [];
const restore: (() => void)[] = [];

async function call<T = unknown>(channel: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  const result = await dispatch(handlers, channel, input);
  seen.push(JSON.stringify(result));
  return result as { ok: boolean; value?: T; error?: { code: string; message: string } };
}

async function until(test: () => Promise<boolean>): Promise<void> {
  while (!(await test())) await new Promise((resolve) => setTimeout(resolve, 10));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  for (const level of ['log', 'warn', 'error', 'info'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
      original(...args);
    };
    restore.push(() => {
      console[level] = original;
    });
  }
  sandbox = await startTestSandbox();
  echo = await startKeyWitness(sandbox, { echo: true });
  composed = await composeServices({
    appInfo: { name: 'Stowage', version: 'test', platform: process.platform },
    platform: { pickFiles: async () => [uploadsDir], pickSavePath: async () => join(dataDir, 'export.csv'), openExternal: async () => undefined },
    dataDir,
    emit: (channel, payload) => seen.push(JSON.stringify({ channel, payload })),
    startSandbox: startInProcess,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 100 },
  });
  handlers = createHandlers(composed.services);
});

afterAll(async () => {
  await composed.dispose();
  await sandbox.close();
  await echo.close();
  for (const undo of restore) undo();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(uploadsDir, { recursive: true, force: true });
});

describe('no channel, event, log line or file ever carries an API key', () => {
  it('holds across every flow, good key and bad', async () => {
    expect((await call('workspaces:list')).ok).toBe(true);
    const good = await call<{ id: string }>('workspaces:save', { name: 'OpenAI', provider: 'openai', baseUrl: sandbox.urls.openai, apiKey: TEST_KEY });
    const bad = await call<{ id: string }>('workspaces:save', { name: 'Bad', provider: 'vlmrun', baseUrl: sandbox.urls.vlmrun, apiKey: WRONG_KEY, keyStorage: 'session' });
    expect(good.ok && bad.ok).toBe(true);
    const id = good.value!.id;
    expect((await call('workspaces:test', { id })).ok).toBe(true);
    expect((await call('workspaces:test', { id: bad.value!.id })).error?.code).toBe('unauthorized');
    expect((await call('workspaces:test', { draft: { name: 'd', provider: 'yandex', baseUrl: sandbox.urls.openai, folderId: 'f', apiKey: WRONG_KEY } })).ok).toBe(false);
    expect((await call('workspaces:activate', { id })).ok).toBe(true);
    const echoIds: string[] = [];
    for (const provider of ['vlmrun', 'openai', 'llamacloud'] as const) {
      const saved = await call<{ id: string }>('workspaces:save', { name: `Echo ${provider}`, provider, baseUrl: echo.urls[provider], apiKey: TEST_KEY, keyStorage: 'session' });
      echoIds.push(saved.value!.id);
      const tested = await call('workspaces:test', { id: saved.value!.id });
      expect(tested.error?.message, 'the operator still reads what the server said').toContain('has no access to this project');
      await call('files:list', { workspaceId: saved.value!.id, pageSize: 25, page: provider === 'vlmrun' ? { kind: 'offset', index: 0 } : { kind: 'cursor', cursor: null } });
    }
    expect(echo.authorizations.length).toBeGreaterThanOrEqual(6);

    writeFileSync(join(uploadsDir, 'a.json'), '{"hello":"world"}');
    writeFileSync(join(uploadsDir, 'b.txt'), 'bee');
    for (const ws of [id, bad.value!.id, echoIds[0]!]) {
      const picked = await call<{ files: { token: string }[] }>('dialog:pickFiles', { folders: true });
      const plan = await call<{ preflightId: string }>('uploads:preflight', { workspaceId: ws, grants: picked.value!.files.map((f) => f.token) });
      await call('uploads:start', { preflightId: plan.value!.preflightId, purpose: ws === id ? 'user_data' : 'assistants', duplicatePolicy: 'ask' });
    }
    await until(async () => {
      const list = await call<{ summary: { done: number; failed: number } }>('uploads:list');
      return list.value!.summary.done + list.value!.summary.failed === 6;
    });
    const activity = await call<{ entries: { workspaceId: string; outcome: string }[] }>('activity:list', {});
    expect(activity.value!.entries.filter((e) => e.workspaceId === echoIds[0] && e.outcome === 'failed')).toHaveLength(2);

    const page = await call<{ files: { id: string }[] }>('files:list', { workspaceId: id, pageSize: 25, page: { kind: 'cursor', cursor: null } });
    const fileId = page.value!.files[0]!.id;
    await call('files:get', { workspaceId: id, id: fileId });
    const preview = await call<{ url: string }>('files:preview', { workspaceId: id, id: fileId });
    seen.push(await (await fetch(preview.value!.url)).text());
    await call('files:previewText', { workspaceId: id, id: fileId });
    await call('files:list', { workspaceId: bad.value!.id, pageSize: 25, page: { kind: 'offset', index: 0 } });
    await call('files:get', { workspaceId: bad.value!.id, id: 'x' });
    const run = await call<{ runId: string }>('inventory:start', { workspaceId: id });
    await until(async () => (await call('inventory:result', { runId: run.value!.runId })).ok);
    await call('inventory:export', { runId: run.value!.runId, format: 'csv' });
    await call('inventory:start', { workspaceId: bad.value!.id });
    await call('files:delete', { workspaceId: id, ids: [fileId, 'file-nope'] });
    await call('files:delete', { workspaceId: bad.value!.id, ids: ['x'] });
    await call('uploads:retry', {});
    await composed.services.uploads.close();

    const stored = filesUnder(dataDir).filter((p) => !p.includes('local-sandbox')).map((p) => readFileSync(p, 'utf8'));
    expect(stored.join('\n')).toContain('OpenAI');
    for (const key of [TEST_KEY, WRONG_KEY]) {
      for (const text of [...seen, ...printed, ...stored]) {
        expect(text.includes(key), `leaked in: ${text.slice(0, 200)}`).toBe(false);
        expect(containsPiece(text, key), `8 or more characters of the key leaked in: ${text.slice(0, 200)}`).toBe(false);
        if (key === WRONG_KEY) expect(text.includes('QZXW'), `key tail leaked in: ${text.slice(0, 200)}`).toBe(false);
      }
    }
    expect(seen.length).toBeGreaterThan(30);
  });
});
