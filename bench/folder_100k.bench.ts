/**
 * folder_100k: pre-flight of a dropped folder tree of 100,000 small files (10 × 100 folders of 100
 * files) plus a few that must be refused: empty files, a named pipe, a broken link, a link out of
 * the folder, a loop of links and a sparse file over VLM Run's 2 GiB limit. The app core's real
 * path (grant, then `uploads:preflight`: walk, stat, rejections, the dialog's summary checked
 * against the contract; bench/services/contenders/stowage-preflight.ts), in its own process,
 * against `find <dir> -type f | wc -l` in the same run. Goal: ≤ 3× find.
 *
 * `find -type f` takes each entry's type from the directory listing and never stats a file;
 * pre-flight must (size for the summary and the limits, modification time to spot a change
 * before upload). `find -printf '%s %T@'`, which stats every file too, is the like-for-like line.
 * Three alternating rounds, best of each.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runContender, timeCommand, type Measured } from './services/measure';
import { ratio, spread } from './services/sandbox-runs';

const root = mkdtempSync(join(tmpdir(), 'stowage-folder-100k-'));
const tree = join(root, 'drop');

/** The tree: 100,000 files of a few bytes each, and the ones pre-flight must refuse. */
function build(): number {
  let made = 0;
  for (let a = 0; a < 10; a += 1) {
    for (let b = 0; b < 100; b += 1) {
      const dir = join(tree, `part-${a}`, `batch-${String(b).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      for (let c = 0; c < 100; c += 1) {
        writeFileSync(join(dir, `scan-${String(c).padStart(3, '0')}.txt`), `page ${made}\n`);
        made += 1;
      }
    }
  }
  const odd = join(tree, 'odd');
  mkdirSync(odd);
  writeFileSync(join(odd, 'empty-1.txt'), '');
  writeFileSync(join(odd, 'empty-2.txt'), '');
  execFileSync('mkfifo', [join(odd, 'pipe')]);
  symlinkSync(join(odd, 'nowhere'), join(odd, 'broken-link'));
  symlinkSync(root, join(odd, 'link-out'));
  symlinkSync(join(odd, 'loop-b'), join(odd, 'loop-a'));
  symlinkSync(join(odd, 'loop-a'), join(odd, 'loop-b'));
  writeFileSync(join(odd, 'huge.bin'), '');
  truncateSync(join(odd, 'huge.bin'), 3 * 1024 ** 3);
  return made;
}

try {
  const made = build();
  const find = () => timeCommand('sh', ['-c', `find '${tree}' -type f | wc -l > /dev/null`]);
  const findStat = () => timeCommand('sh', ['-c', `find '${tree}' -type f -printf '%s %T@\\n' | wc -l > /dev/null`]);
  await find();
  const finds: number[] = [];
  const findStats: number[] = [];
  const ours: Measured[] = [];
  for (let round = 0; round < 3; round += 1) {
    finds.push(await find());
    ours.push(await runContender('stowage-preflight', [tree]));
    findStats.push(await findStat());
  }
  const first = ours[0] as Measured;
  if (first.extra?.files !== made || first.extra?.rejected !== 8) throw new Error(`unexpected pre-flight: ${JSON.stringify(first.extra)}`);
  const f = spread(finds);
  const fst = spread(findStats);
  const s = spread(ours.map((r) => r.ms));
  report({
    ratio_vs_find: ratio(s.best, f.best),
    goal_ratio: 3,
    ratio_vs_find_worst_runs: ratio(s.worst, f.worst),
    ratio_vs_find_stating_each_file: ratio(s.best, fst.best),
    stowage_ms: s.best,
    stowage_cpu_ms: Math.min(...ours.map((r) => r.extra?.cpu_ms ?? 0)),
    find_ms: f.best,
    find_stating_each_file_ms: fst.best,
    peak_rss_mb: Math.max(...ours.map((r) => r.extra?.peak_rss_mb ?? 0)),
    files: made,
    rejected: first.extra?.rejected ?? 0,
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}
