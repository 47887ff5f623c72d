import { describe, expect, it } from 'vitest';
import { OpenBatches } from './open-batches';
import type { QueueItem } from './queue-item';

const item = (id: string, batchId: string, state: QueueItem['state']) => ({ id, batchId, state }) as QueueItem;

describe('OpenBatches', () => {
  it('a batch is settled once each of its items has finished, whatever the other batches do', () => {
    const batches = new OpenBatches();
    batches.track(item('a1', 'A', 'queued'));
    batches.track(item('a2', 'A', 'uploading'));
    batches.track(item('b1', 'B', 'duplicate'));
    expect(batches.settled('A')).toBe(false);
    batches.track(item('a1', 'A', 'done'));
    expect(batches.settled('A')).toBe(false);
    batches.track(item('a2', 'A', 'failed'));
    expect(batches.settled('A')).toBe(true);
    expect(batches.settled('B')).toBe(false);
  });

  it('a finished item that is retried opens its batch again', () => {
    const batches = new OpenBatches();
    batches.track(item('a1', 'A', 'failed'));
    expect(batches.settled('A')).toBe(true);
    batches.track(item('a1', 'A', 'queued'));
    expect(batches.settled('A')).toBe(false);
  });
});
