import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { patternBytes, Scratch } from '../../../test/support/services';
import { md5File } from './md5';

const scratch = new Scratch();
afterAll(() => scratch.remove());

describe('md5File', () => {
  const MiB = 1024 * 1024;
  it.each([0, 1, 4096, 4 * MiB - 1, 4 * MiB, 4 * MiB + 1, 9 * MiB + 7])('matches OpenSSL for %i bytes, whatever size hint it is given', async (size) => {
    const content = patternBytes(size, size + 1);
    const path = scratch.file(`m-${size}.bin`, content);
    const expected = createHash('md5').update(content).digest('hex');
    expect(await md5File(path)).toBe(expected);
    expect(await md5File(path, { sizeHint: size })).toBe(expected);
    expect(await md5File(path, { sizeHint: Math.max(0, size - 100) })).toBe(expected);
  });
});
