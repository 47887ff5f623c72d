import { describe, expect, it } from 'vitest';
import { partBytesFor, partCount, partRange, storedBytes } from './part-session';

const MIB = 1024 * 1024;
const options = { partBytes: 32 * MIB, thresholdBytes: 64 * MIB, parallelism: 4, startParallelism: 2 };

describe('cutting a file into parts', () => {
  it('uses the part size for big files, and smaller parts (not below 8 MiB) so a smaller file still fills every connection', () => {
    expect(partBytesFor(2048 * MIB, options, 64 * MIB)).toBe(32 * MIB);
    expect(partBytesFor(64 * MIB + 1, options, 64 * MIB)).toBe(17 * MIB);
    expect(partBytesFor(20 * MIB, options, 64 * MIB)).toBe(8 * MIB);
    expect(partBytesFor(2048 * MIB, { ...options, partBytes: 128 * MIB }, 64 * MIB)).toBe(64 * MIB);
    expect(partBytesFor(10 * MIB, { ...options, partBytes: 128 * 1024 }, 64 * MIB)).toBe(128 * 1024);
  });

  it('covers the file exactly: equal parts and a shorter last one, and counts the stored bytes', () => {
    expect(partCount(1000, 400)).toBe(3);
    expect(partCount(0, 400)).toBe(1);
    expect([0, 1, 2].map((i) => partRange(i, 1000, 400))).toEqual([
      { offset: 0, length: 400 },
      { offset: 400, length: 400 },
      { offset: 800, length: 200 },
    ]);
    const session = { uploadId: 'u', partBytes: 400, expiresAt: 0, fileBytes: 1000, fileMtimeMs: 0, partIds: ['a', null, 'c'] };
    expect(storedBytes(session)).toBe(600);
  });
});
