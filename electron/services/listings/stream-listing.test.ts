import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import type { RunningSandbox } from '../../sandbox';
import { listAll } from '../../../test/support/list-all';
import { HttpClient } from '../net/client';
import { adapterFor, seed, startTestSandbox } from '../../../test/support/services';
import { streamListing } from './stream-listing';

let sandbox: RunningSandbox;
const http = new HttpClient();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await seed(sandbox.urls.vlmrun, 2500, ['assistants', 'vision', 'batch']);
  await seed(sandbox.urls.openai, 1200, ['user_data', 'batch']);
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
});

/** Streams a listing, recording every page handed on (sizes only, and the ids to check coverage). */
async function record(kind: 'vlmrun' | 'openai', parallel?: number) {
  const pages: number[] = [];
  const ids = new Set<string>();
  let files = 0;
  const totals = await streamListing(adapterFor(kind, sandbox.urls[kind], http), {
    parallel,
    onPage: (page) => {
      pages.push(page.length);
      files += page.length;
      for (const f of page) ids.add(f.id);
    },
  });
  return { pages, ids, files, totals };
}

describe('streamListing', () => {
  it('hands on every page of a skip/limit listing as it arrives, with pages in parallel, and totals that match', async () => {
    const run = await record('vlmrun', 4);
    expect(run.ids.size).toBe(2500);
    expect(run.files).toBe(2500);
    expect(run.totals).toEqual({ pages: run.pages.length, files: 2500 });
    expect(Math.max(...run.pages)).toBe(1000);
  });

  it('reads a cursor listing one page after another, completely', async () => {
    const run = await record('openai');
    expect(run.ids.size).toBe(1200);
    expect(run.totals.files).toBe(1200);
  });

  it('retries a page the provider briefly refused (503) instead of failing the whole listing', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1, count: 2, status: 503 }, targets: ['openai'] });
    try {
      expect((await record('openai')).ids.size).toBe(1200);
    } finally {
      sandbox.setFaults({});
    }
  });

  it('stops every page in flight when one fails, and reports the failure', async () => {
    const bad = adapterFor('vlmrun', sandbox.urls.vlmrun, http, { apiKey: 'nope-nope-nope' });
    const seen: number[] = [];
    await expect(streamListing(bad, { onPage: (p) => seen.push(p.length) })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(seen).toEqual([]);
  });

  it('stops when the receiver throws (the store was cancelled), asking for no further pages', async () => {
    const stop = new Error('stored no more');
    let calls = 0;
    const adapter = adapterFor('vlmrun', sandbox.urls.vlmrun, http);
    await expect(
      streamListing(adapter, {
        parallel: 1,
        onPage: () => {
          calls += 1;
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(calls).toBe(1);
  });

  it('stops on the caller\'s signal', async () => {
    const controller = new AbortController();
    const pages: (readonly StoredFile[])[] = [];
    const listing = streamListing(adapterFor('vlmrun', sandbox.urls.vlmrun, http), {
      parallel: 1,
      signal: controller.signal,
      onPage: (page) => {
        pages.push(page);
        controller.abort(new Error('user stopped'));
      },
    });
    await expect(listing).rejects.toThrow('user stopped');
    expect(pages).toHaveLength(1);
  });

  it('gives tests that want an array each file once (listAll in test/support)', async () => {
    const all = await listAll(adapterFor('vlmrun', sandbox.urls.vlmrun, http), { parallel: 3 });
    expect(all).toHaveLength(2500);
    expect(new Set(all.map((f) => f.id)).size).toBe(2500);
  });
});
