import { appendFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CoalescingWriter, readJsonFile } from '../storage/json-file';
import { restored } from './item-machine';
import { FINISHED_STATES, QueueItem } from './queue-item';

const QueueFile = z.object({ version: z.literal(1), items: z.array(QueueItem) });
const SendingLine = z.object({ id: z.string(), at: z.number().nullable() });

/**
 * The upload queue on disk (`upload-queue.json`, replaced atomically on every state change), so a
 * crash or quit loses nothing: on the next start unfinished items come back paused, and an item
 * that was mid-send is marked "may have arrived" so resuming checks before sending again.
 *
 * The queue file is saved a little after each change, so on its own it can say "queued" for an
 * item whose bytes already reached the provider when the process was killed. So every attempt is
 * also noted in `upload-sending.log`, synchronously, before its first byte goes out; a kill of
 * the process cannot lose that line (it is in the kernel once written), and loading marks every
 * unfinished item named there "may have arrived".
 */
export class QueueStore {
  private readonly writer: CoalescingWriter;
  private readonly path: string;
  private readonly sendingLog: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'upload-queue.json');
    this.sendingLog = join(dataDir, 'upload-sending.log');
    this.writer = new CoalescingWriter(this.path);
  }

  /**
   * The saved items as they come back after a quit or crash. When the sending log named any, the
   * result is saved at once and the log removed, before any upload can start again.
   */
  async load(): Promise<QueueItem[]> {
    const data = await readJsonFile(this.path, QueueFile, { version: 1, items: [] });
    const sending = await this.readSendingLog();
    const items = data.items.map((item) => {
      if (!sending.has(item.id) || FINISHED_STATES.has(item.state)) return restored(item);
      return restored({ ...item, maybeSent: true, attemptStartedAt: sending.get(item.id) ?? item.attemptStartedAt });
    });
    if (sending.size > 0) {
      await this.writer.write(() => ({ version: 1, items }));
      await rm(this.sendingLog, { force: true });
    }
    return items;
  }

  save(items: () => QueueItem[]): Promise<void> {
    return this.writer.write(() => ({ version: 1, items: items() }));
  }

  /**
   * Notes that an attempt of `item` is about to send bytes. Synchronous on purpose: it must be
   * written before the request starts. A failure to write is logged, not thrown (the upload goes
   * on; only the check after a crash is lost).
   */
  sending(item: QueueItem): void {
    try {
      appendFileSync(this.sendingLog, `${JSON.stringify({ id: item.id, at: item.attemptStartedAt })}\n`);
    } catch (error) {
      console.error('[uploads] could not note an upload start:', (error as NodeJS.ErrnoException).code);
    }
  }

  /** Item id to the start of its last noted attempt; a torn or foreign line is skipped. */
  private async readSendingLog(): Promise<Map<string, number | null>> {
    const sending = new Map<string, number | null>();
    const text = await readFile(this.sendingLog, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      let parsed: ReturnType<typeof SendingLine.safeParse>;
      try {
        parsed = SendingLine.safeParse(JSON.parse(line));
      } catch {
        continue;
      }
      if (parsed.success) sending.set(parsed.data.id, parsed.data.at);
    }
    return sending;
  }
}
