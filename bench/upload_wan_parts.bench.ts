/**
 * upload_wan_parts: one 2 GiB file over a shaped link (the sandbox adds 50 ms to every request and
 * reads each connection at no more than 16 MiB/s, as a long-distance TCP stream is limited), by
 * Stowage's queue (pre-flight, default settings: Uploads API, 32 MiB parts, 4 at a time) against
 * `curl -F` in one multipart stream to `POST /files` over the same link. Goal: Stowage at least
 * 3× faster. One run each (curl alone takes over two minutes), each after a `sync`.
 * `sending_speedup_vs_curl` counts Stowage's time until the last part was stored; `completion_ms`
 * is the rest, the server joining the parts into one file (2 GiB read, written and fsynced again).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { curlUpload, GIB, MIB, round2, startRig, stowageUpload } from './services/big-upload-rig';
import { writeBigFile } from './services/measure';

const SIZE = 2 * GIB;
const LINK = { latencyMs: 50, bandwidthBytesPerSecond: 16 * MIB, targets: ['openai'] };
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-wan-'));
const rig = await startRig(dir);
try {
  const file = join(dir, 'two-gib.bin');
  await writeBigFile(file, SIZE);
  await rig.faults(LINK);
  const ours = await stowageUpload(rig.openai, dir, file);
  await rig.clean();
  const curlMs = await curlUpload(rig.openai, file);
  await rig.clean();
  report({
    bytes: SIZE,
    speedup_vs_curl: round2(curlMs / ours.ms),
    curl_ms: curlMs,
    stowage_ms: ours.ms,
    sending_speedup_vs_curl: round2(curlMs / (ours.extra?.sending_ms ?? ours.ms)),
    completion_ms: ours.ms - (ours.extra?.sending_ms ?? ours.ms),
    peak_rss_growth_mb: ours.peakRssGrowthMb,
    latency_ms: LINK.latencyMs,
    per_connection_mib_per_s: LINK.bandwidthBytesPerSecond / MIB,
    goal_speedup: 3,
  });
} finally {
  await rig.stop();
  rmSync(dir, { recursive: true, force: true });
}
