import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadItem } from '../../../shared/models/uploads';
import { PROGRESS_INTERVAL_MS, ProgressHub, SpeedMeter } from './progress';
import { ItemMachine } from './item-machine';
import type { UploadEvents } from './ports';
import type { QueueItem } from './queue-item';

/** Records what the hub reports, named by the contract event each call becomes. */
function recorder(sent: { channel: string; payload: unknown }[]): UploadEvents {
  return {
    progress: (items) => sent.push({ channel: 'uploads:progress', payload: { items } }),
    summary: (summary) => sent.push({ channel: 'uploads:summary', payload: summary }),
  };
}

function item(id: string): QueueItem {
  return {
    id, batchId: 'b', workspaceId: 'w', path: `/tmp/${id}`, name: id, bytes: 1000, purpose: 'assistants', state: 'uploading',
    sentBytes: 0, speedBps: 0, etaSeconds: null, fileId: null, matchBasis: null, error: null, attempts: 1, mtimeMs: 0, contentType: 'text/plain',
    policy: 'upload', forceUpload: false, md5: null, maybeSent: false, attemptStartedAt: null, expiresAfterSeconds: null,
  };
}

afterEach(() => vi.useRealTimers());

describe('ProgressHub', () => {
  it('sends at most one progress event per tick, carrying only changed items, whatever the byte rate', () => {
    vi.useFakeTimers();
    const sent: { channel: string; payload: unknown }[] = [];
    const items = [item('a'), item('b'), item('c')];
    const hub = new ProgressHub(recorder(sent), () => items);
    const machine = new ItemMachine((changed) => hub.touch(changed));
    for (let i = 1; i <= 500; i += 1) {
      machine.progress(items[0]!, i, hub.speed(items[0]!, i));
      machine.progress(items[1]!, i, hub.speed(items[1]!, i));
    }
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(PROGRESS_INTERVAL_MS);
    const progress = sent.filter((e) => e.channel === 'uploads:progress');
    expect(progress).toHaveLength(1);
    const payload = progress[0]!.payload as { items: UploadItem[] };
    expect(payload.items.map((i) => i.id).sort()).toEqual(['a', 'b']);
    expect(payload.items[0]!.sentBytes).toBe(500);
    expect(Object.keys(payload.items[0]!)).not.toContain('md5');
    expect(sent.filter((e) => e.channel === 'uploads:summary')).toHaveLength(1);
    vi.advanceTimersByTime(10 * PROGRESS_INTERVAL_MS);
    expect(sent.filter((e) => e.channel === 'uploads:progress')).toHaveLength(1);
  });
});

describe('SpeedMeter', () => {
  it('measures bytes per second over its window and restarts when the count goes back', () => {
    const meter = new SpeedMeter();
    meter.sample(0, 0);
    expect(meter.sample(0, 500)).toBe(0);
    expect(meter.sample(1000, 1500)).toBe(1000);
    expect(meter.sample(3000, 2500)).toBe(1500);
    expect(meter.sample(10, 2600)).toBe(0);
  });

  it('does not count the burst that fills the socket buffers at the start as speed', () => {
    const meter = new SpeedMeter();
    // 4 MB "sent" within 100 ms (kernel buffers), then the real 1 MB/s link.
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(4_000_000, 100)).toBe(0);
    expect(meter.sample(4_400_000, 500)).toBe(0);
    expect(meter.sample(4_900_000, 1000)).toBe(0);
    expect(meter.sample(5_400_000, 1500)).toBeCloseTo(1_000_000, -3);
  });
});
