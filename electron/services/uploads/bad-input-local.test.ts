import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AppErrorShape } from '../../../shared/errors';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, Scratch, startTestSandbox } from '../../../test/support/services';
import { openQueue, type QueueHarness } from '../../../test/support/queue';
import { checkLocalCase, CrashWatch, type LocalCase } from '../../../test/support/bad-input';

/**
 * The local half of the bad-input corpus (issue 9 §6): what the operator's disk can hand the
 * uploader, each in a batch beside a good file. Every row states the exact words the operator is
 * given; the good file must still be stored and nothing may crash. Names are in
 * bad-input-names.test.ts; what servers can answer is in bad-input-server.test.ts and
 * files/bad-input-listing.test.ts.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
const watch = new CrashWatch();
const sockets: Server[] = [];
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, sandbox.urls, { concurrency: 4 });
  watch.start();
});

afterAll(async () => {
  watch.stop();
  for (const server of sockets) server.close();
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

const isRoot = process.getuid?.() === 0;
/** A sysfs attribute that refuses reads even to root: an unreadable file where chmod cannot make one. */
const WRITE_ONLY_SYSFS = '/sys/bus/pci/rescan';
const MiB = 1024 * 1024;
const CHECKED = 'x'.repeat(4096);

function file(dir: string, name: string, content: string | Buffer = CHECKED): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function folder(dir: string, name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

const changed = (what: string): AppErrorShape => ({
  code: 'file_changed',
  message: `The file changed after Stowage checked it (${what}), so it was not uploaded. Add it again once it has finished changing.`,
});
const GONE: AppErrorShape = { code: 'not_found', message: 'The file is no longer where it was when it was added (moved, renamed or deleted). Add it again from its new place.' };
const LOOP = 'Skipped: this is a loop of links that never reaches a file.';

const unreadable: LocalCase = isRoot
  ? {
      name: 'unreadable (as root: a write-only sysfs file, since chmod binds no root)',
      kind: 'llamacloud',
      make: (dir) => {
        const path = join(dir, 'unreadable.bin');
        symlinkSync(WRITE_ONLY_SYSFS, path);
        return path;
      },
      expect: { failed: { code: 'unreadable', message: 'Stowage may not read this file any more (permission denied). Check its permissions, then retry.' } },
    }
  : {
      name: 'unreadable (mode 000)',
      kind: 'llamacloud',
      make: (dir) => {
        const path = file(dir, 'unreadable.bin');
        chmodSync(path, 0o000);
        return path;
      },
      expect: { rejected: 'Cannot be read (permission denied). Check the file’s permissions and add it again.' },
    };

const unreadableFolder: LocalCase[] = isRoot
  ? []
  : [
      {
        name: 'a folder that cannot be listed (mode 000)',
        kind: 'openai',
        make: (dir) => {
          const path = folder(dir, 'locked');
          chmodSync(path, 0o000);
          return path;
        },
        expect: { rejected: 'Folder cannot be read (permission denied). Check its permissions and add it again.' },
      },
    ];

const cases: LocalCase[] = [
  { name: 'an empty file (0 bytes)', kind: 'vlmrun', make: (dir) => file(dir, 'empty.txt', ''), expect: { rejected: 'Empty file (0 bytes): there is nothing to upload.' } },
  {
    name: 'over the provider’s limit (9 GiB for OpenAI’s 8 GiB in parts, sparse)',
    kind: 'openai',
    make: (dir) => {
      const path = file(dir, 'huge.bin', '');
      truncateSync(path, 9 * 1024 * MiB);
      return path;
    },
    expect: { rejected: 'Too large: 9.7 GB, and OpenAI accepts at most 8.6 GB per file, even in parts. Split it into smaller files to upload it.' },
  },
  ...(existsSync(WRITE_ONLY_SYSFS) || !isRoot ? [unreadable] : []),
  {
    name: 'a named pipe (FIFO)',
    kind: 'openai',
    make: (dir) => {
      const path = join(dir, 'pipe');
      execFileSync('mkfifo', [path]);
      return path;
    },
    expect: { rejected: 'Skipped: a named pipe, not a regular file.' },
  },
  {
    name: 'a Unix socket',
    kind: 'vlmrun',
    make: (dir) => {
      const path = join(dir, 'sock');
      const server = createServer().listen(path);
      sockets.push(server);
      execFileSync('sh', ['-c', `until [ -S '${path}' ]; do sleep 0.01; done`]);
      return path;
    },
    expect: { rejected: 'Skipped: a socket, not a regular file.' },
  },
  {
    name: 'a link to a device (/dev/null)',
    kind: 'llamacloud',
    make: (dir) => {
      const path = join(dir, 'null-device');
      symlinkSync('/dev/null', path);
      return path;
    },
    expect: { rejected: 'Skipped: a device, not a regular file.' },
  },
  {
    name: 'a loop of two links, chosen directly',
    kind: 'openai',
    make: (dir) => {
      symlinkSync(join(dir, 'b'), join(dir, 'a'));
      symlinkSync(join(dir, 'a'), join(dir, 'b'));
      return join(dir, 'a');
    },
    expect: { rejected: LOOP },
  },
  {
    name: 'a link to itself, inside a chosen folder',
    kind: 'vlmrun',
    make: (dir) => {
      const inside = folder(dir, 'with-loop');
      symlinkSync(join(inside, 'self'), join(inside, 'self'));
      return inside;
    },
    expect: { rejected: LOOP, at: (chosen) => join(chosen, 'self') },
  },
  {
    name: 'a broken link',
    kind: 'llamacloud',
    make: (dir) => {
      symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'broken'));
      return join(dir, 'broken');
    },
    expect: { rejected: 'Broken link: the file it points to does not exist.' },
  },
  {
    name: 'a link out of the chosen folder',
    kind: 'openai',
    make: (dir) => {
      const inside = folder(dir, 'chosen');
      symlinkSync(file(dir, 'outside.txt'), join(inside, 'escape'));
      return inside;
    },
    expect: {
      rejected: 'Skipped: this link points outside the folder you chose, so Stowage did not follow it. Add what it points to directly if you want it uploaded.',
      at: (chosen) => join(chosen, 'escape'),
    },
  },
  {
    name: 'a link back into a folder that contains it',
    kind: 'vlmrun',
    make: (dir) => {
      const inside = folder(dir, 'cycle');
      symlinkSync(inside, join(inside, 'again'));
      return inside;
    },
    expect: { rejected: 'Skipped: this link points back into a folder that contains it (a loop).', at: (chosen) => join(chosen, 'again') },
  },
  ...unreadableFolder,
  {
    name: 'a name that is not valid UTF-8 (made with a Buffer path)',
    kind: 'llamacloud',
    make: (dir) => {
      const inside = folder(dir, 'latin1');
      writeFileSync(Buffer.concat([Buffer.from(`${inside}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), CHECKED);
      return inside;
    },
    expect: {
      rejected: 'Skipped: its name is not valid UTF-8 text, so Stowage can neither open it by name nor tell the provider what it is called. Rename it, then add it again.',
      at: (chosen) => join(chosen, 'caf\uFFFD.txt'),
    },
  },
  {
    name: 'a folder of 10,000 files',
    kind: 'openai',
    make: (dir) => {
      const big = folder(dir, 'ten-thousand');
      for (let i = 0; i < 10_000; i += 1) writeFileSync(join(big, `f${i}.txt`), `file ${i}`);
      return big;
    },
    expect: { planned: 10_000 },
  },
  {
    name: 'a file 50 folders deep',
    kind: 'llamacloud',
    make: (dir) => {
      const top = folder(dir, 'd0');
      const deepest = folder(top, Array.from({ length: 49 }, (_, i) => `d${i + 1}`).join('/'));
      file(deepest, 'deep.txt');
      return top;
    },
    expect: { stored: ['deep.txt'] },
  },
  {
    name: 'the same name in two folders',
    kind: 'openai',
    make: (dir) => {
      const top = folder(dir, 'twins');
      file(folder(top, 'a'), 'same.txt', 'first twin');
      file(folder(top, 'b'), 'same.txt', 'second twin, longer');
      return top;
    },
    expect: { stored: ['same.txt', 'same.txt'] },
  },
  { name: 'an empty folder', kind: 'vlmrun', make: (dir) => folder(dir, 'nothing-here'), expect: { stored: [] } },
  { name: 'deleted between drop and upload', kind: 'openai', make: (dir) => file(dir, 'deleted.txt'), between: (p) => rmSync(p), expect: { failed: GONE } },
  { name: 'moved to another folder between drop and upload', kind: 'vlmrun', make: (dir) => file(dir, 'moved.txt'), between: (p) => renameSync(p, `${p}.elsewhere`), expect: { failed: GONE } },
  { name: 'truncated to nothing', kind: 'llamacloud', make: (dir) => file(dir, 'emptied.txt'), between: (p) => truncateSync(p, 0), expect: { failed: changed('it is now empty') } },
  { name: 'truncated shorter', kind: 'openai', make: (dir) => file(dir, 'shorter.txt'), between: (p) => truncateSync(p, 100), expect: { failed: changed('its size went from 4,096 bytes to 100 bytes') } },
  { name: 'grown', kind: 'vlmrun', make: (dir) => file(dir, 'grown.txt'), between: (p) => appendFileSync(p, 'more'), expect: { failed: changed('its size went from 4,096 bytes to 4,100 bytes') } },
  {
    name: 'swapped for another file of the same size and time (as `cp -p` or a sync tool leaves it)',
    kind: 'llamacloud',
    make: (dir) => file(dir, 'swapped.txt'),
    between: (p) => {
      writeFileSync(`${p}.new`, 'y'.repeat(4096));
      execFileSync('touch', ['-r', p, `${p}.new`]);
      renameSync(`${p}.new`, p);
    },
    expect: { failed: changed('another file was put in its place') },
  },
  {
    name: 'touched (same bytes, a new modification time)',
    kind: 'openai',
    make: (dir) => file(dir, 'touched.txt'),
    between: (p) => utimesSync(p, new Date(), new Date(Date.now() + 60_000)),
    expect: { failed: changed('it was modified') },
  },
  {
    name: 'swapped for a folder',
    kind: 'vlmrun',
    make: (dir) => file(dir, 'now-folder.txt'),
    between: (p) => {
      rmSync(p);
      mkdirSync(p);
    },
    expect: { failed: changed('it is now a folder') },
  },
  {
    name: 'swapped for a named pipe',
    kind: 'llamacloud',
    make: (dir) => file(dir, 'now-pipe.txt'),
    between: (p) => {
      rmSync(p);
      execFileSync('mkfifo', [p]);
    },
    expect: { failed: changed('it is now a named pipe') },
  },
  {
    name: 'swapped for a loop of links',
    kind: 'openai',
    make: (dir) => file(dir, 'now-loop.txt'),
    between: (p) => {
      rmSync(p);
      symlinkSync(p, p);
    },
    expect: { failed: changed('its path is now a loop of links that never reaches a file') },
  },
];

describe('bad local input: each row beside a good file in the same batch', () => {
  it.each(cases)('$name ($kind)', async (c) => {
    const dirs = { bad: mkdtempSync(join(scratch.dir, 'bad-')), good: mkdtempSync(join(scratch.dir, 'good-')) };
    await checkLocalCase(h, c, dirs, adapterFor(c.kind, baseUrlFor(sandbox, c.kind), http), watch);
  });
});
