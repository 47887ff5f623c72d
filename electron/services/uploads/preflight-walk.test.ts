import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scratch } from '../../../test/support/services';
import { walk } from './preflight-walk';

const scratch = new Scratch();
afterAll(() => scratch.remove());
const open = { maxFileBytes: null, maxFiles: 1_000_000 };
let n = 0;
function folder(files: Record<string, string>): string {
  n += 1;
  const root = join(scratch.dir, `walk-${n}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

describe('walk', () => {
  it('lists depth first in name order, with sizes, and keeps each refusal where the walk met it', async () => {
    const root = folder({ 'b/2.txt': 'bb', 'b/1.txt': 'b', 'a.txt': 'aaa', 'c/empty.txt': '', 'd.txt': 'dddd' });
    const found = await walk([root], open);
    expect(found.files.map((f) => [f.path.slice(root.length + 1), f.bytes])).toEqual([
      ['a.txt', 3],
      [join('b', '1.txt'), 1],
      [join('b', '2.txt'), 2],
      ['d.txt', 4],
    ]);
    expect(found.rejected).toEqual([[join(root, 'c', 'empty.txt'), 'empty', null]]);
    expect(found.files.every((f) => f.mtimeMs > 0)).toBe(true);
  });

  it('takes a file once however it is reached: chosen again, inside a chosen folder, or through a link', async () => {
    const root = folder({ 'b.txt': 'bee', 'sub/c.txt': 'sea' });
    symlinkSync(join(root, 'b.txt'), join(root, 'a-link-to-b'));
    const found = await walk([root, join(root, 'sub', 'c.txt'), join(root, 'sub')], open);
    expect(found.files.map((f) => f.path.slice(root.length + 1))).toEqual(['a-link-to-b', join('sub', 'c.txt')]);
    expect(found.rejected).toEqual([]);
  });

  it('shares a large folder out between workers and brings every file back in order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i += 1) files[`many/${String(i).padStart(5, '0')}.txt`] = 'x'.repeat(1 + (i % 7));
    const root = folder(files);
    const found = await walk([root], open);
    expect(found.files).toHaveLength(5000);
    expect(found.files.map((f) => f.path.slice(-9))).toEqual(Object.keys(files).map((k) => k.slice(-9)));
    expect(found.files.map((f) => f.bytes)).toEqual(Object.values(files).map((c) => c.length));
  });

  it('stops taking files at the limit, says so, and still reports later refusals', async () => {
    const root = folder({ '1.txt': '1', '2.txt': '2', '3.txt': '3', '4.txt': '4', '5-empty.txt': '' });
    const found = await walk([root], { maxFileBytes: null, maxFiles: 3 });
    expect(found.files.map((f) => f.path.slice(-5))).toEqual(['1.txt', '2.txt', '3.txt']);
    expect(found.overflow).toBe(true);
    expect(found.rejected.map(([, reason]) => reason)).toEqual(['empty']);
  });

  it('refuses files over the size limit with their size', async () => {
    const root = folder({ 'small.txt': 'ok', 'big.txt': 'x'.repeat(100) });
    const found = await walk([root], { maxFileBytes: 10, maxFiles: 10 });
    expect(found.files.map((f) => f.bytes)).toEqual([2]);
    expect(found.rejected).toEqual([[join(root, 'big.txt'), 'too_large', 100]]);
  });

  it('refuses a name that is not UTF-8 where the walk met it, and still takes its neighbours', async () => {
    // 'real-\uFFFD' holds the replacement character itself: valid UTF-8, taken like any name.
    const root = folder({ 'a.txt': 'a', 'real-\uFFFD.txt': 'r', 'z.txt': 'z' });
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]), 'not utf-8');
    const found = await walk([root], open);
    expect(found.files.map((f) => f.path.slice(root.length + 1))).toEqual(['a.txt', 'real-\uFFFD.txt', 'z.txt']);
    expect(found.rejected).toEqual([[join(root, 'bad-\uFFFD\uFFFD.txt'), 'bad_name', null]]);
  });

  it('says which file each one is (device and inode), as fs.stat does', async () => {
    const root = folder({ 'one.txt': '1', 'deep/two.txt': '22' });
    const found = await walk([root], open);
    for (const f of found.files) expect([f.dev, f.ino]).toEqual([statSync(f.path).dev, statSync(f.path).ino]);
  });
});
