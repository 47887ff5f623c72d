import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PREFLIGHT_LISTED, Preflight } from '../../../shared/contract/uploads';
import { HttpClient } from '../net/client';
import { Scratch } from '../../../test/support/services';
import { openQueue } from '../../../test/support/queue';

/**
 * A big drop names only the first files to the window (the dialog shows no more), while its count
 * and size cover every file and starting the batch queues every file, not just the listed ones.
 */
const http = new HttpClient();
const scratch = new Scratch();
afterAll(async () => {
  await http.close();
  scratch.remove();
});

describe('pre-flight of a folder with more files than the dialog lists', () => {
  it('lists the first files by name, counts them all, and queues them all', async () => {
    const total = MAX_PREFLIGHT_LISTED + 37;
    const folder = join(scratch.dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < total; i++) writeFileSync(join(folder, `f-${i}.txt`), 'abc');
    // Nothing listens at the address: the batch is only queued, never sent.
    const h = await openQueue(http, { openai: 'http://127.0.0.1:1' });
    try {
      const plan = await h.queue.preflight('ws-openai', [folder]);
      expect(plan.count).toBe(total);
      expect(plan.bytes).toBe(total * 3);
      expect(plan.files).toHaveLength(MAX_PREFLIGHT_LISTED);
      expect(Preflight.safeParse(plan).success).toBe(true);
      const { queued } = await h.queue.start(plan.preflightId, 'user_data', 'upload');
      expect(queued).toBe(total);
    } finally {
      await h.close();
    }
  });
});
