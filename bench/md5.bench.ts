/**
 * md5: the duplicate pre-check's hashing throughput against `md5sum` on the same 1 GiB file, both
 * from a warm page cache (best of three each). ratio_vs_md5sum = md5sum time / Stowage time, so
 * 1.0 means as fast as md5sum. Goal ≥ 0.8.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runContender, timeCommand, writeBigFile } from './services/measure';

const dir = mkdtempSync(join(tmpdir(), 'stowage-md5-'));
const file = join(dir, 'one-gib.bin');
try {
  await writeBigFile(file, 1024 ** 3);
  await timeCommand('md5sum', [file]);
  const md5sum: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    md5sum.push(await timeCommand('md5sum', [file]));
    ours.push((await runContender('stowage-md5', [file])).ms);
  }
  const best = (xs: number[]) => Math.min(...xs);
  report({
    ratio_vs_md5sum: Math.round((best(md5sum) / best(ours)) * 100) / 100,
    md5sum_ms: Math.round(best(md5sum)),
    stowage_ms: Math.round(best(ours)),
    stowage_mb_per_s: Math.round(1024 / (best(ours) / 1000)),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
