import { createHash } from 'node:crypto';
import { open, truncate } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { patternBytes, Scratch } from '../../../test/support/services';
import { rejectionOf } from '../../../test/support/sandbox-fixtures';
import { md5Of } from './md5';

const scratch = new Scratch();
afterAll(() => scratch.remove());

describe('md5Of', () => {
  const MiB = 1024 * 1024;
  it.each([1, 4096, 4 * MiB - 1, 4 * MiB, 4 * MiB + 1, 9 * MiB + 7])('matches OpenSSL for %i bytes read by position from an open descriptor', async (size) => {
    const content = patternBytes(size, size + 1);
    const handle = await open(scratch.file(`m-${size}.bin`, content), 'r');
    try {
      const expected = createHash('md5').update(content).digest('hex');
      expect(await md5Of(handle, size)).toBe(expected);
      // Positional reads: a second pass over the same descriptor hashes the same bytes.
      expect(await md5Of(handle, size)).toBe(expected);
    } finally {
      await handle.close();
    }
  });

  it('hashes exactly the checked size and calls a file that became shorter "changed"', async () => {
    const content = patternBytes(10_000, 9);
    const path = scratch.file('shrinks.bin', content);
    const handle = await open(path, 'r');
    try {
      expect(await md5Of(handle, 4_000)).toBe(createHash('md5').update(content.subarray(0, 4_000)).digest('hex'));
      await truncate(path, 5_000);
      const error = await rejectionOf(md5Of(handle, 10_000), AppError);
      expect(error.code).toBe('file_changed');
    } finally {
      await handle.close();
    }
  });
});
