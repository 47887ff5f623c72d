/**
 * The name-and-size duplicate check reading the catalogue: the snapshot current when the batch
 * started (held until the batch settles), plus what the batch itself stored since.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import type { RunningSandbox } from '../../sandbox';
import { Catalogue } from '../catalogue';
import { WorkspaceListings } from '../listings/workspace-listings';
import { HttpClient } from '../net/client';
import type { ProviderAdapter } from '../providers/types';
import { adapterFor, Scratch, startTestSandbox } from '../../../test/support/services';
import { DuplicateFinder } from './duplicates';
import type { QueueItem } from './queue-item';

let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
const dir = mkdtempSync(join(tmpdir(), 'stowage-dupes-'));
let adapter: ProviderAdapter;
let listings: WorkspaceListings;
let finder: DuplicateFinder;
const never = new AbortController().signal;

async function put(name: string, content: string): Promise<StoredFile> {
  const path = scratch.file(`${Math.random()}-${name}`, Buffer.from(content));
  return adapter.upload({ path, name, bytes: Buffer.byteLength(content), purpose: 'user_data', contentType: 'text/plain', signal: never, onProgress: () => undefined });
}

/** A queued item of `batchId` for a file with this name and size (only what the finder reads). */
const item = (batchId: string, name: string, bytes: number) => ({ id: `${batchId}-${name}`, batchId, workspaceId: 'ws', name, bytes, path: '/nowhere', md5: null }) as unknown as QueueItem;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  adapter = adapterFor('openai', sandbox.urls.openai, http);
  listings = new WorkspaceListings(await Catalogue.open(join(dir, 'catalogue.sqlite')), { keepListings: 1 });
  finder = new DuplicateFinder(() => undefined, listings);
});

afterAll(async () => {
  listings.catalogue.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuplicateFinder on the catalogue', () => {
  it('finds a same-name, same-size file in the listing current when the batch started, and only that', async () => {
    const stored = await put('report.txt', 'twelve bytes');
    const found = await finder.find(item('b1', 'report.txt', 12), adapter, never);
    expect(found?.id).toBe(stored.id);
    expect(await finder.find(item('b1', 'report.txt', 13), adapter, never)).toBeNull();
    expect(await finder.find(item('b1', 'other.txt', 12), adapter, never)).toBeNull();
    expect(listings.catalogue.list('ws').filter((s) => s.state === 'complete')).toHaveLength(1);
    finder.forgetBatch('b1');
  });

  it('sees what the batch stored itself, and what landed before a later batch started', async () => {
    const first = await finder.find(item('b2', 'late.txt', 4), adapter, never);
    expect(first).toBeNull();
    const landed = await put('late.txt', 'late');
    listings.markStale('ws');
    finder.remember(item('b2', 'late.txt', 4), landed);
    expect((await finder.find(item('b2', 'late.txt', 4), adapter, never))?.id).toBe(landed.id);

    const elsewhere = await put('elsewhere.txt', 'from another client');
    listings.markStale('ws');
    expect(await finder.find(item('b2', 'elsewhere.txt', 19), adapter, never)).toBeNull();
    expect((await finder.find(item('b3', 'elsewhere.txt', 19), adapter, never))?.id).toBe(elsewhere.id);
    finder.forgetBatch('b2');
    finder.forgetBatch('b3');
  });

  it('holds the batch\'s snapshot against retention until the batch settles', async () => {
    await finder.find(item('b4', 'report.txt', 12), adapter, never);
    const held = listings.catalogue.current('ws')!.id;
    expect(finder.heldBatches).toBe(1);
    expect(listings.heldSnapshots).toBe(1);
    listings.markStale('ws');
    await finder.find(item('b5', 'report.txt', 12), adapter, never);
    expect(listings.catalogue.current('ws')!.id).not.toBe(held);
    expect(listings.catalogue.snapshot(held)?.state).toBe('complete');
    expect((await finder.find(item('b4', 'report.txt', 12), adapter, never))?.name).toBe('report.txt');

    finder.forgetBatch('b4');
    finder.forgetBatch('b5');
    expect(finder.heldBatches).toBe(0);
    expect(listings.heldSnapshots).toBe(0);
    listings.markStale('ws');
    await listings.current('ws', adapter);
    expect(listings.catalogue.snapshot(held)).toBeNull();
  });

  it('an item that gives up waiting does not stop the batch\'s listing for the others', async () => {
    listings.markStale('ws');
    const quitter = new AbortController();
    const waiting = finder.find(item('b6', 'report.txt', 12), adapter, quitter.signal);
    const patient = finder.find(item('b6', 'report.txt', 12), adapter, never);
    quitter.abort(new Error('cancelled by the user'));
    await expect(waiting).rejects.toThrow('cancelled by the user');
    expect((await patient)?.name).toBe('report.txt');
    finder.forgetBatch('b6');
  });
});
