import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../../shared/models/providers';
import { Scratch } from '../../../test/support/services';
import { preflight } from './preflight';

const scratch = new Scratch();
afterAll(() => scratch.remove());

describe('preflight', () => {
  const root = join(scratch.dir, 'drop');
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'alpha');
  writeFileSync(join(root, 'sub', 'b.json'), '{"b":1}');
  writeFileSync(join(root, 'sub', 'deeper', 'c.csv'), 'c,d\n1,2\n');
  writeFileSync(join(root, 'empty.txt'), '');
  symlinkSync(root, join(root, 'sub', 'loop'));
  symlinkSync(join(root, 'a.txt'), join(root, 'link-to-a.txt'));
  symlinkSync(join(root, 'nowhere'), join(root, 'broken'));
  execFileSync('mkfifo', [join(root, 'pipe')]);

  it('walks folders recursively, skips loops, links to files already taken, pipes, empty and broken entries with reasons', async () => {
    const result = await preflight([root], PROVIDERS.vlmrun);
    expect(result.files.map((f) => f.name).sort()).toEqual(['a.txt', 'b.json', 'c.csv']);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path.slice(root.length + 1), r.reason]));
    expect(reasons['empty.txt']).toMatch(/Empty file/);
    expect(reasons['pipe']).toMatch(/named pipe/);
    expect(reasons['broken']).toMatch(/Broken link/);
    expect(reasons[join('sub', 'loop')]).toMatch(/loop/);
    expect(result.files.every((f) => f.bytes > 0 && f.mtimeMs > 0)).toBe(true);
  });

  it('applies the provider\'s size limit (Yandex 128 MiB) and names both sizes in the app\'s one unit', async () => {
    const big = join(scratch.dir, 'big.bin');
    writeFileSync(big, '');
    execFileSync('truncate', ['-s', '136314880', big]);
    const yandex = await preflight([big], PROVIDERS.yandex);
    expect(yandex.files).toHaveLength(0);
    // 136,314,880 bytes is "136 MB" in the table and the queue, so it is here too (not "130 MB").
    expect(yandex.rejected[0]?.reason).toBe(
      'Too large: 136 MB, and Yandex AI Studio accepts at most 134 MB per file (it takes each file in one request). Split it into smaller files to upload it.',
    );
    expect(yandex.notes).toEqual([]);
    expect((await preflight([big], PROVIDERS.openai)).files).toHaveLength(1);
  });

  it('does not follow a link out of the chosen folder, and says so', async () => {
    const outside = join(scratch.dir, 'outside');
    mkdirSync(join(outside, 'keys'), { recursive: true });
    writeFileSync(join(outside, 'id_rsa'), 'PRIVATE');
    writeFileSync(join(outside, 'keys', 'token'), 'SECRET');
    const chosen = join(scratch.dir, 'chosen');
    mkdirSync(chosen);
    writeFileSync(join(chosen, 'ok.txt'), 'fine');
    symlinkSync(join(outside, 'id_rsa'), join(chosen, 'key-link'));
    symlinkSync(join(outside, 'keys'), join(chosen, 'keys-link'));
    const result = await preflight([chosen], PROVIDERS.openai);
    expect(result.files.map((f) => f.name)).toEqual(['ok.txt']);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path.slice(chosen.length + 1), r.reason]));
    expect(reasons['key-link']).toMatch(/points outside the folder you chose/);
    expect(reasons['keys-link']).toMatch(/points outside the folder you chose/);
    // A link the user chose directly is what they chose: it is followed.
    expect((await preflight([join(chosen, 'key-link')], PROVIDERS.openai)).files).toHaveLength(1);
  });

  it('says a loop of links is a loop, not a broken link', async () => {
    const dir = join(scratch.dir, 'loops');
    mkdirSync(dir);
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    const result = await preflight([dir], PROVIDERS.openai);
    expect(result.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/loop of links/), expect.stringMatching(/loop of links/)]);
  });

  it('takes OpenAI files up to 8 GiB, saying that those over 512 MiB go in parts, and refuses larger ones', async () => {
    const large = join(scratch.dir, 'large.bin');
    const huge = join(scratch.dir, 'huge.bin');
    writeFileSync(large, '');
    writeFileSync(huge, '');
    execFileSync('truncate', ['-s', `${600 * 1024 * 1024}`, large]);
    execFileSync('truncate', ['-s', `${9 * 1024 * 1024 * 1024}`, huge]);
    const result = await preflight([large, huge, join(scratch.dir, 'drop', 'a.txt')], PROVIDERS.openai);
    expect(result.files.map((f) => f.name)).toEqual(['large.bin', 'a.txt']);
    expect(result.rejected).toEqual([
      { path: huge, reason: 'Too large: 9.7 GB, and OpenAI accepts at most 8.6 GB per file, even in parts. Split it into smaller files to upload it.' },
    ]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/^1 file is larger than 537 MB, so Stowage sends it in parts through OpenAI's Uploads API, and can resume where it stopped\./);
    expect(result.notes[0]).toMatch(/takes at most 537 MB per file; there this file stops with a message saying so\.$/);
    expect((await preflight([join(scratch.dir, 'drop', 'a.txt')], PROVIDERS.openai)).notes).toEqual([]);
  });

  it('reports paths that vanished', async () => {
    const result = await preflight([join(scratch.dir, 'gone.txt')], PROVIDERS.openai);
    expect(result.rejected[0]?.reason).toMatch(/Not found/);
  });

  it.skipIf(process.getuid?.() === 0)('reports unreadable files (permissions do not bind root, so this runs as a normal user only)', async () => {
    const locked = join(scratch.dir, 'locked.txt');
    writeFileSync(locked, 'secret');
    chmodSync(locked, 0o000);
    const result = await preflight([locked], PROVIDERS.openai);
    expect(result.rejected[0]?.reason).toMatch(/Cannot be read/);
  });
});
