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
import { adapterFor, bufferSource, startTestSandbox } from '../../../test/support/services';
import { DuplicateFinder } from './duplicates';
import type { ContentRecords } from './content-records';
import type { QueueItem } from './queue-item';
import type { SourceFile } from './source-file';

let sandbox: RunningSandbox;
const http = new HttpClient();
const dir = mkdtempSync(join(tmpdir(), 'stowage-dupes-'));
let adapter: ProviderAdapter;
let listings: WorkspaceListings;
let finder: DuplicateFinder;
const never = new AbortController().signal;

async function put(name: string, content: string): Promise<StoredFile> {
  return adapter.upload({ file: bufferSource(Buffer.from(content)), name, purpose: 'user_data', contentType: 'text/plain', signal: never, onProgress: () => undefined });
}

/** A queued item of `batchId` for a file with this name and size (only what the finder reads). */
const item = (batchId: string, name: string, bytes: number) => ({ id: `${batchId}-${name}`, batchId, workspaceId: 'ws', name, bytes, purpose: 'user_data', path: '/nowhere', md5: null }) as unknown as QueueItem;

/** No MD5 is known for these files, so the source is never read: every match here is a name-and-size guess. */
const noRecords: ContentRecords = { md5Of: () => null, record: async () => undefined } as unknown as ContentRecords;
const unread = null as unknown as SourceFile;

/** The guessed match's file, as the check reports it. */
async function found(batch: string, name: string, bytes: number, signal = never): Promise<StoredFile | null> {
  const lookup = await finder.find(item(batch, name, bytes), adapter, unread, signal);
  if (lookup.match) expect(lookup.match.basis).toBe('name_size');
  return lookup.match?.file ?? null;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  adapter = adapterFor('openai', sandbox.urls.openai, http);
  listings = new WorkspaceListings(await Catalogue.open(join(dir, 'catalogue.sqlite')), { keepListings: 1 });
  finder = new DuplicateFinder(() => undefined, listings, noRecords);
});

afterAll(async () => {
  listings.catalogue.close();
  await sandbox.close();
  await http.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuplicateFinder on the catalogue', () => {
  it('finds a same-name, same-size file in the listing current when the batch started, and only that', async () => {
    const stored = await put('report.txt', 'twelve bytes');
    const match = await found('b1', 'report.txt', 12, never);
    expect(match?.id).toBe(stored.id);
    expect(await found('b1', 'report.txt', 13, never)).toBeNull();
    expect(await found('b1', 'other.txt', 12, never)).toBeNull();
    expect(listings.catalogue.list('ws').filter((s) => s.state === 'complete')).toHaveLength(1);
    finder.forgetBatch('b1');
  });

  it('sees what the batch stored itself, and what landed before a later batch started', async () => {
    const first = await found('b2', 'late.txt', 4, never);
    expect(first).toBeNull();
    const landed = await put('late.txt', 'late');
    listings.markStale('ws');
    await finder.remember(item('b2', 'late.txt', 4), landed, unread, never);
    expect((await found('b2', 'late.txt', 4, never))?.id).toBe(landed.id);

    const elsewhere = await put('elsewhere.txt', 'from another client');
    listings.markStale('ws');
    expect(await found('b2', 'elsewhere.txt', 19, never)).toBeNull();
    expect((await found('b3', 'elsewhere.txt', 19, never))?.id).toBe(elsewhere.id);
    finder.forgetBatch('b2');
    finder.forgetBatch('b3');
  });

  it('holds the batch\'s snapshot against retention until the batch settles', async () => {
    await found('b4', 'report.txt', 12, never);
    const held = listings.catalogue.current('ws')!.id;
    expect(finder.heldBatches).toBe(1);
    expect(listings.heldSnapshots).toBe(1);
    listings.markStale('ws');
    await found('b5', 'report.txt', 12, never);
    expect(listings.catalogue.current('ws')!.id).not.toBe(held);
    expect(listings.catalogue.snapshot(held)?.state).toBe('complete');
    expect((await found('b4', 'report.txt', 12, never))?.name).toBe('report.txt');

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
    const waiting = found('b6', 'report.txt', 12, quitter.signal);
    const patient = found('b6', 'report.txt', 12, never);
    quitter.abort(new Error('cancelled by the user'));
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect((await patient)?.name).toBe('report.txt');
    finder.forgetBatch('b6');
  });
});
