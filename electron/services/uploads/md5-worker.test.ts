import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, truncate, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { patternBytes, Scratch } from '../../../test/support/services';
import { rejectionOf } from '../../../test/support/sandbox-fixtures';
import { Md5Workers } from './md5-worker';

const scratch = new Scratch();
const workers = new Md5Workers(2);
afterAll(async () => {
  await workers.close();
  scratch.remove();
});

const MiB = 1024 * 1024;
async function opened(name: string, content: Buffer): Promise<FileHandle> {
  return open(scratch.file(name, content), 'r');
}

describe('Md5Workers', () => {
  it.each([1, 4 * MiB, 4 * MiB + 1, 9 * MiB + 7])('matches OpenSSL for %i bytes read by position from the caller’s descriptor', async (size) => {
    const content = patternBytes(size, size + 3);
    const handle = await opened(`w-${size}.bin`, content);
    try {
      expect(await workers.hash(handle.fd, size)).toBe(createHash('md5').update(content).digest('hex'));
    } finally {
      await handle.close();
    }
  });

  it('runs more files than workers, each to its own right answer', async () => {
    const contents = [1, 2, 3, 4, 5].map((seed) => patternBytes(MiB + seed, seed));
    const handles = await Promise.all(contents.map((c, i) => opened(`many-${i}.bin`, c)));
    try {
      const sums = await Promise.all(handles.map((h, i) => workers.hash(h.fd, (contents[i] as Buffer).length)));
      expect(sums).toEqual(contents.map((c) => createHash('md5').update(c).digest('hex')));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it('calls a file that became shorter "changed"', async () => {
    const path = scratch.file('shorter.bin', patternBytes(2 * MiB, 5));
    const handle = await open(path, 'r');
    try {
      await truncate(path, MiB);
      expect((await rejectionOf(workers.hash(handle.fd, 2 * MiB), AppError)).code).toBe('file_changed');
    } finally {
      await handle.close();
    }
  });

  it('stops on abort with the signal’s reason, and a later job still gets its answer', async () => {
    const content = patternBytes(64 * MiB, 6);
    const handle = await opened('long.bin', content);
    try {
      const stop = new AbortController();
      const reason = new Error('cancelled by the test');
      const running = workers.hash(handle.fd, content.length, stop.signal);
      stop.abort(reason);
      await expect(running).rejects.toBe(reason);
      expect(await workers.hash(handle.fd, MiB)).toBe(createHash('md5').update(content.subarray(0, MiB)).digest('hex'));
    } finally {
      await handle.close();
    }
  });

  it('keeps a process alive while it hashes and lets it end once idle', () => {
    const content = patternBytes(2 * MiB, 8);
    const file = scratch.file('alive.bin', content);
    const module = fileURLToPath(new URL('./md5-worker.ts', import.meta.url));
    const script = scratch.file(
      'alive.mts',
      `import { open } from 'node:fs/promises';\nimport { md5Workers } from ${JSON.stringify(module)};\n` +
        `const handle = await open(${JSON.stringify(file)}, 'r');\nconsole.log(await md5Workers().hash(handle.fd, ${content.length}));\nawait handle.close();\n`,
    );
    // Exit code 13 would be a pending hash the process gave up on; a timeout, an idle worker holding it.
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
    expect(run.stdout.trim()).toBe(createHash('md5').update(content).digest('hex'));
  });
});

