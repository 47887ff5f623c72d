import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { patternBytes, Scratch, startTestSandbox } from '../../../test/support/services';
import { enqueue, itemOf, openQueue, until, type QueueHarness } from '../../../test/support/queue';
import { LARGE_FILE_BYTES, LARGE_FILE_SLOTS } from './slots';

/**
 * Places per workspace through the real queue: with the cap at 8, small files run 8 at a time and
 * large ones at most 3. The sandbox reads bodies slowly, so nothing finishes while it is checked.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox({ faults: { bandwidthBytesPerSecond: 64 * 1024, targets: ['openai'] } });
  h = await openQueue(http, sandbox.urls, { concurrency: 8 });
});

afterAll(async () => {
  h.queue.cancel();
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

let n = 0;
const files = (count: number, bytes: number) =>
  Array.from({ length: count }, () => {
    n += 1;
    return scratch.file(`slot-${n}.bin`, patternBytes(bytes, n));
  });

const sending = (ids: string[]) => ids.filter((id) => itemOf(h, id).state === 'uploading');
const waiting = (ids: string[]) => ids.filter((id) => itemOf(h, id).state === 'queued');
/** At least `count` uploads have bytes on the way (by then any that started with them are sending too). */
const settledAtLeast = (ids: string[], count: number) => sending(ids).filter((id) => itemOf(h, id).sentBytes > 0).length >= count;

describe('places per workspace', () => {
  it('small files: as many at once as the cap', async () => {
    const ids = (await enqueue(h, 'openai', files(10, 256 * 1024), 'user_data')).map((i) => i.id);
    await until(() => settledAtLeast(ids, 8));
    expect(sending(ids)).toHaveLength(8);
    expect(waiting(ids)).toHaveLength(2);
    h.queue.cancel(ids);
    await until(() => h.queue.idle);
  });

  it(`large files: at most ${LARGE_FILE_SLOTS} at once under the same cap`, async () => {
    const ids = (await enqueue(h, 'openai', files(LARGE_FILE_SLOTS + 2, LARGE_FILE_BYTES), 'user_data')).map((i) => i.id);
    await until(() => settledAtLeast(ids, LARGE_FILE_SLOTS));
    expect(sending(ids)).toHaveLength(LARGE_FILE_SLOTS);
    expect(waiting(ids)).toHaveLength(2);
    h.queue.cancel([ids[0] as string]);
    await until(() => settledAtLeast(ids, LARGE_FILE_SLOTS));
    expect(sending(ids)).toHaveLength(LARGE_FILE_SLOTS);
    expect(waiting(ids)).toHaveLength(1);
    h.queue.cancel(ids);
    await until(() => h.queue.idle);
  });
});
