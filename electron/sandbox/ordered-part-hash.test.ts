import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderedPartHash } from './ordered-part-hash';

const dir = mkdtempSync(join(tmpdir(), 'ordered-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function part(text: string): { id: string; path: string; bytes: Buffer } {
  n += 1;
  const path = join(dir, `p${n}`);
  const bytes = Buffer.from(text.repeat(50_000));
  writeFileSync(path, bytes);
  return { id: `part_${n}`, path, bytes };
}
const md5 = (...parts: { bytes: Buffer }[]) => createHash('md5').update(Buffer.concat(parts.map((p) => p.bytes))).digest('hex');

describe('OrderedPartHash', () => {
  it('hashes parts in the order their requests started, whatever order they finish in, and needs no second read', async () => {
    const hash = new OrderedPartHash();
    const [a, b, c] = [part('a'), part('b'), part('c')];
    const slots = [hash.reserve(), hash.reserve(), hash.reserve()];
    hash.fill(slots[2]!, c.id, c.path);
    hash.fill(slots[0]!, a.id, a.path);
    hash.fill(slots[1]!, b.id, b.path);
    await hash.digest([]);
    // The files are gone: the listed order can only be answered from the hash taken as they came.
    for (const p of [a, b, c]) rmSync(p.path);
    expect(await hash.digest([a, b, c])).toBe(md5(a, b, c));
  });

  it('answers for the listed order when it is not the order of arrival (a part sent again later)', async () => {
    const hash = new OrderedPartHash();
    const [a, b, c] = [part('x'), part('y'), part('z')];
    const first = hash.reserve();
    const broken = hash.reserve();
    const third = hash.reserve();
    hash.fill(first, a.id, a.path);
    hash.drop(broken);
    hash.fill(third, c.id, c.path);
    hash.fill(hash.reserve(), b.id, b.path);
    expect(await hash.digest([a, b, c])).toBe(md5(a, b, c));
    expect(await hash.digest([c, a, b])).toBe(md5(c, a, b));
  });

  it('reads only what follows the parts already hashed when they are the beginning of the listed order', async () => {
    const hash = new OrderedPartHash();
    const [a, b] = [part('1'), part('2')];
    hash.fill(hash.reserve(), a.id, a.path);
    await hash.digest([]);
    rmSync(a.path);
    expect(await hash.digest([a, b])).toBe(md5(a, b));
  });

  it('follows the part numbers in the form file names where a client gives them, whatever order the requests came in', async () => {
    const hash = new OrderedPartHash();
    const [a, b, c] = [part('p'), part('q'), part('r')];
    const slots = [hash.reserve(), hash.reserve(), hash.reserve()];
    hash.fill(slots[0]!, b.id, b.path, 'part-1');
    hash.fill(slots[1]!, c.id, c.path, 'part-2');
    hash.fill(slots[2]!, a.id, a.path, 'part-0');
    await hash.digest([]);
    for (const p of [a, b, c]) rmSync(p.path);
    expect(await hash.digest([a, b, c])).toBe(md5(a, b, c));
  });
});
