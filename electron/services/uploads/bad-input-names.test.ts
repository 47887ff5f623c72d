import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, Scratch, startTestSandbox } from '../../../test/support/services';
import { openQueue, type QueueHarness } from '../../../test/support/queue';
import { checkLocalCase, CrashWatch, type LocalCase } from '../../../test/support/bad-input';

/**
 * The local corpus, file names (issue 9 §6): names that break naive quoting, headers, URLs,
 * terminals or HTML, each uploaded beside a good file. The operator sees the name the provider
 * stored, so each row says exactly which name that is: the same name, except where a multipart
 * header cannot carry it as it is (control characters become spaces) or the server reads it as a
 * path (a backslash).
 */
let sandbox: RunningSandbox;
const http = new HttpClient();
const scratch = new Scratch();
const watch = new CrashWatch();
let h: QueueHarness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  h = await openQueue(http, sandbox.urls, { concurrency: 4 });
  watch.start();
});

afterAll(async () => {
  watch.stop();
  await h.close();
  await sandbox.close();
  await http.close();
  scratch.remove();
});

const KINDS: ProviderKind[] = ['vlmrun', 'openai', 'llamacloud'];

/** [what the name tests, the name on disk, the name the provider stores]. */
const NAMES: [string, string, string][] = [
  ['double quotes', 'say "hi".txt', 'say "hi".txt'],
  ['an apostrophe', 'it’s and it\'s.txt', 'it’s and it\'s.txt'],
  ['CR/LF (a header break), stored with spaces', 'line\r\nbreak.txt', 'line  break.txt'],
  ['a lone LF', 'one\ntwo.txt', 'one two.txt'],
  ['semicolons and a fake parameter', 'a;b; filename=evil.txt', 'a;b; filename=evil.txt'],
  ['percent signs and escapes', '100%25 %zz %.txt', '100%25 %zz %.txt'],
  ['an RFC 5987 lookalike', "filename*=UTF-8''evil.txt", "filename*=UTF-8''evil.txt"],
  ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice\u202Efdp.exe'],
  ['a right-to-left mark and Hebrew', '\u200Fשלום.txt', '\u200Fשלום.txt'],
  ['emoji, a ZWJ sequence and a flag', '😀 👩‍💻 🇺🇦.txt', '😀 👩‍💻 🇺🇦.txt'],
  ['255 ASCII bytes (the Linux limit)', `${'a'.repeat(251)}.txt`, `${'a'.repeat(251)}.txt`],
  ['255 bytes of two-byte letters', `${'é'.repeat(125)}a.txt`, `${'é'.repeat(125)}a.txt`],
  ['an XSS payload', '<img src=x onerror=alert(1)>.txt', '<img src=x onerror=alert(1)>.txt'],
  ['an SVG onload and an ampersand entity', '<svg onload=alert(1)>&amp;.html', '<svg onload=alert(1)>&amp;.html'],
  ['a backslash (the server reads what follows it as the name)', 'a\\b.txt', 'b.txt'],
  ['a tab', 'tab\there.txt', 'tab\there.txt'],
  ['a leading dash', '-rf.txt', '-rf.txt'],
  ['a leading dot', '.hidden', '.hidden'],
  ['only spaces before the extension', '   .txt', '   .txt'],
  ['decomposed accents (not normalised)', 'cafe\u0301.txt', 'cafe\u0301.txt'],
  ['a shell substitution', '$(reboot) `id`.txt', '$(reboot) `id`.txt'],
  ['a terminal escape sequence, stored with spaces', '\u001b[31mred\u001b[0m.txt', ' [31mred [0m.txt'],
  ['a bell and a delete character, stored as spaces', 'ding\u0007del\u007f.txt', 'ding del .txt'],
];

const cases: LocalCase[] = NAMES.map(([what, name, stored], i) => ({
  name: `a name with ${what}`,
  kind: KINDS[i % KINDS.length] as ProviderKind,
  make: (dir) => {
    const path = join(dir, name);
    writeFileSync(path, `a file whose name has ${what}`);
    return path;
  },
  expect: { stored: [stored] },
}));

describe('bad local input, names: each row beside a good file in the same batch', () => {
  it.each(cases)('$name ($kind)', async (c) => {
    const dirs = { bad: mkdtempSync(join(scratch.dir, 'bad-')), good: mkdtempSync(join(scratch.dir, 'good-')) };
    await checkLocalCase(h, c, dirs, adapterFor(c.kind, baseUrlFor(sandbox, c.kind), http), watch);
  });
});
