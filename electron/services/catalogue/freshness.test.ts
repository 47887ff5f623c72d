/**
 * ensureCurrent and the staleness signal: concurrent callers share one listing, a change signalled
 * during a listing makes later callers get a new one, callers can give up without stopping a
 * listing others wait for, and failures never replace the current snapshot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import { DEFAULT_MAX_AGE_MS } from './freshness';
import { file, openTemp, snapshotOf, type TempCatalogue } from './test-fixtures';
import type { Lister } from './types';

/** A lister the test drives by hand: it sends the pages it is given and finishes when told. */
function manualLister() {
  const calls: { onPage: (files: readonly StoredFile[]) => void; signal: AbortSignal; finish: () => void; fail: (e: Error) => void }[] = [];
  const lister: Lister = (onPage, signal) =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      calls.push({ onPage, signal, finish: resolve, fail: reject });
    });
  return { lister, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

let t: TempCatalogue;
beforeEach(async () => {
  t = await openTemp();
});
afterEach(() => t.cleanup());

describe('isFresh and markStale', () => {
  it('is fresh only with a complete snapshot started after the last change and within the age', async () => {
    const c = t.catalogue;
    expect(c.isFresh('ws', 60_000)).toBe(false);
    await snapshotOf(c, 'ws', [file(1)]);
    expect(c.isFresh('ws', 60_000)).toBe(true);
    t.clock.now += 60_001;
    expect(c.isFresh('ws', 60_000)).toBe(false);
    expect(c.isFresh('ws', 120_000)).toBe(true);
    c.markStale('ws');
    expect(c.isFresh('ws', 120_000)).toBe(false);
    expect(c.isFresh('other', 120_000)).toBe(false);
  });

  it('does not count a listing started before markStale as fresh, even if it finishes after', async () => {
    const c = t.catalogue;
    const writer = c.begin('ws');
    writer.addPage([file(1)]);
    c.markStale('ws');
    await writer.complete();
    expect(c.current('ws')?.id).toBe(writer.snapshotId);
    expect(c.isFresh('ws', DEFAULT_MAX_AGE_MS)).toBe(false);
  });

  it('remembers a change signal across a restart', async () => {
    await snapshotOf(t.catalogue, 'ws', [file(1)]);
    t.catalogue.markStale('ws');
    const c = await t.reopen();
    expect(c.isFresh('ws', DEFAULT_MAX_AGE_MS)).toBe(false);
  });
});

describe('ensureCurrent', () => {
  it('lists once for concurrent callers, then serves the fresh snapshot without listing', async () => {
    const c = t.catalogue;
    const { lister, calls } = manualLister();
    const waiting = [c.ensureCurrent('ws', lister), c.ensureCurrent('ws', lister), c.ensureCurrent('ws', lister)];
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.onPage([file(1), file(2)]);
    calls[0]!.finish();
    const results = await Promise.all(waiting);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results[0]).toMatchObject({ state: 'complete', fileCount: 2 });
    await expect(c.ensureCurrent('ws', lister)).resolves.toEqual(results[0]);
    expect(calls).toHaveLength(1);
  });

  it('lists again once the snapshot is older than maxAgeMs', async () => {
    const c = t.catalogue;
    const first = await snapshotOf(c, 'ws', [file(1)]);
    t.clock.now += 10_000;
    const { lister, calls } = manualLister();
    await expect(c.ensureCurrent('ws', lister, { maxAgeMs: 10_000 })).resolves.toEqual(first);
    const again = c.ensureCurrent('ws', lister, { maxAgeMs: 9_999 });
    await settle();
    calls[0]!.finish();
    expect((await again).id).toBeGreaterThan(first.id);
  });

  it('gives callers after markStale a new listing, queued behind the one already running', async () => {
    const c = t.catalogue;
    const { lister, calls } = manualLister();
    const before = c.ensureCurrent('ws', lister);
    await settle();
    c.markStale('ws');
    const after = c.ensureCurrent('ws', lister);
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.onPage([file(1)]);
    calls[0]!.finish();
    const old = await before;
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.onPage([file(1), file(2)]);
    calls[1]!.finish();
    const fresh = await after;
    expect(fresh.id).toBeGreaterThan(old.id);
    expect(fresh.fileCount).toBe(2);
    expect(c.isFresh('ws', DEFAULT_MAX_AGE_MS)).toBe(true);
  });

  it('keeps listing while one caller gives up, and cancels it when the last one does', async () => {
    const c = t.catalogue;
    const { lister, calls } = manualLister();
    const quitter = new AbortController();
    const stayer = new AbortController();
    const a = c.ensureCurrent('ws', lister, { signal: quitter.signal });
    const b = c.ensureCurrent('ws', lister, { signal: stayer.signal });
    await settle();
    calls[0]!.onPage([file(1)]);
    quitter.abort(new Error('closed the window'));
    await expect(a).rejects.toThrow('closed the window');
    expect(calls[0]!.signal.aborted).toBe(false);
    stayer.abort(new Error('gone too'));
    await expect(b).rejects.toThrow('gone too');
    expect(calls[0]!.signal.aborted).toBe(true);
    await settle();
    expect(c.list('ws')[0]?.state).toBe('cancelled');
    expect(() => calls[0]!.onPage([file(2)])).toThrow();
    expect(c.current('ws')).toBeNull();
  });

  it('marks a failed listing failed, rejects every caller, and keeps the previous snapshot current', async () => {
    const c = t.catalogue;
    const previous = await snapshotOf(c, 'ws', [file(1)]);
    c.markStale('ws');
    const { lister, calls } = manualLister();
    const a = c.ensureCurrent('ws', lister);
    const b = c.ensureCurrent('ws', lister);
    await settle();
    calls[0]!.onPage([file(2)]);
    calls[0]!.fail(new Error('502 from the provider'));
    await expect(a).rejects.toThrow('502');
    await expect(b).rejects.toThrow('502');
    expect(c.list('ws')[0]?.state).toBe('failed');
    expect(c.current('ws')?.id).toBe(previous.id);
  });

  it('aborts a listing in progress when the catalogue closes', async () => {
    const { lister, calls } = manualLister();
    const waiting = t.catalogue.ensureCurrent('ws', lister);
    await settle();
    calls[0]!.onPage([file(1)]);
    t.catalogue.close();
    await expect(waiting).rejects.toThrow(/closed/);
    expect(calls[0]!.signal.aborted).toBe(true);
    const c = await t.reopen();
    expect(c.list('ws')[0]?.state).toBe('cancelled');
  });
});
