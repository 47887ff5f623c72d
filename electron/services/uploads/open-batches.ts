import { FINISHED_STATES, type QueueItem } from './queue-item';

/**
 * Which batches still have items that can run again without the user (anything not finished),
 * kept up to date from each item change. Asking is a map lookup, so finishing the last of a
 * hundred thousand items does not scan the queue once per item.
 */
export class OpenBatches {
  private readonly open = new Map<string, Set<string>>();

  /** Records the item's current state. */
  track(item: QueueItem): void {
    const items = this.open.get(item.batchId);
    if (FINISHED_STATES.has(item.state)) {
      items?.delete(item.id);
      if (items?.size === 0) this.open.delete(item.batchId);
    } else if (items) items.add(item.id);
    else this.open.set(item.batchId, new Set([item.id]));
  }

  /** Whether every item of the batch has finished. */
  settled(batchId: string): boolean {
    return !this.open.has(batchId);
  }
}
