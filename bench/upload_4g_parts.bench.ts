/**
 * upload_4g_parts: one 4 GiB file to the sandbox's OpenAI dialect on loopback, by Stowage's queue
 * (pre-flight, default settings: the file goes through the Uploads API in 32 MiB parts, 4 at a
 * time, MD5 alongside) against `curl -F` sending it as one multipart stream to `POST /files` (the
 * sandbox's per-request limit raised for it). Goals: time within 1.10× of curl; the uploading
 * process's memory growing by at most 128 MB.
 *
 * Each contender runs in its own process after a `sync`; they alternate over two rounds (who goes
 * first swaps) and the best of each counts. `sending_ratio_vs_curl` is the time until the last
 * part was stored, before the completion (the sandbox links the parts into one file and finishes
 * the MD5 it took as they arrived, so `completion_ms` should be small).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { curlUpload, GIB, round2, startRig, stowageUpload } from './services/big-upload-rig';
import { writeBigFile, type Measured } from './services/measure';

const SIZE = 4 * GIB;
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-4g-'));
const rig = await startRig(dir);
try {
  const file = join(dir, 'four-gib.bin');
  await writeBigFile(file, SIZE);
  const curlRuns: number[] = [];
  const ourRuns: Measured[] = [];
  for (let round = 0; round < 2; round += 1) {
    const order = round === 0 ? ['curl', 'stowage'] : ['stowage', 'curl'];
    for (const who of order) {
      await rig.clean();
      if (who === 'curl') curlRuns.push(await curlUpload(rig.openai, file));
      else ourRuns.push(await stowageUpload(rig.openai, dir, file));
    }
  }
  await rig.clean();
  const curlMs = Math.min(...curlRuns);
  const best = ourRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
  report({
    bytes: SIZE,
    ratio_vs_curl: round2(best.ms / curlMs),
    peak_rss_growth_mb: Math.max(...ourRuns.map((r) => r.peakRssGrowthMb)),
    curl_ms: curlMs,
    stowage_ms: best.ms,
    sending_ratio_vs_curl: round2((best.extra?.sending_ms ?? best.ms) / curlMs),
    completion_ms: best.ms - (best.extra?.sending_ms ?? best.ms),
    curl_runs_ms: curlRuns.join(' '),
    stowage_runs_ms: ourRuns.map((r) => r.ms).join(' '),
    goal_ratio: 1.1,
    goal_rss_growth_mb: 128,
  });
} finally {
  await rig.stop();
  rmSync(dir, { recursive: true, force: true });
}
