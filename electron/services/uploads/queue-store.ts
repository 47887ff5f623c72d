import { join } from 'node:path';
import { z } from 'zod';
import { CoalescingWriter, readJsonFile } from '../storage/json-file';
import { restored } from './item-machine';
import { QueueItem } from './queue-item';

const QueueFile = z.object({ version: z.literal(1), items: z.array(QueueItem) });

/**
 * The upload queue on disk (`upload-queue.json`, replaced atomically on every state change), so a
 * crash or quit loses nothing: on the next start unfinished items come back paused, and an item
 * that was mid-send is marked "may have arrived" so resuming checks before sending again.
 */
export class QueueStore {
  private readonly writer: CoalescingWriter;
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'upload-queue.json');
    this.writer = new CoalescingWriter(this.path);
  }

  async load(): Promise<QueueItem[]> {
    const data = await readJsonFile(this.path, QueueFile, { version: 1, items: [] });
    return data.items.map(restored);
  }

  save(items: () => QueueItem[]): Promise<void> {
    return this.writer.write(() => ({ version: 1, items: items() }));
  }
}
