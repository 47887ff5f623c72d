/**
 * upload_1g: one 1 GiB file into a sandbox child process, by Stowage's uploader, `curl -F`, and the
 * official vlmrun and openai SDKs, each in its own process. Goal: time within 1.15× of curl, and
 * the uploading process's memory growing by at most 100 MB (the SDKs buffer the whole file).
 *
 * Stowage takes its real path for a 1 GiB VLM Run file (presigned PUT); `stowage_multipart_*`
 * is the same file through its multipart path (OpenAI dialect), for a like-for-like look at curl -F.
 * Times are the best of two runs for Stowage and curl, one run for each SDK.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';
import { BENCH_KEY, runContender, timeCommand, writeBigFile } from './services/measure';

const GIB = 1024 ** 3;
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-1g-'));
const file = join(dir, 'one-gib.bin');
const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY, '--limit', `openai=${2 * GIB}`, '--limit', `vlmrun=${2 * GIB}`]);
try {
  await writeBigFile(file, GIB);
  const curl = () =>
    timeCommand('curl', ['-sS', '-o', '/dev/null', '--fail', '-H', `Authorization: Bearer ${BENCH_KEY}`, '-F', `file=@${file}`, `${sandbox.urls.vlmrun}/files?purpose=assistants`]);
  const stowage = () => runContender('stowage-upload', ['vlmrun', sandbox.urls.vlmrun, file, 'assistants']);
  const curlMs = Math.min(await curl(), await curl());
  const s1 = await stowage();
  const s2 = await stowage();
  const best = s1.ms <= s2.ms ? s1 : s2;
  const multipart = await runContender('stowage-upload', ['openai', sandbox.urls.openai, file, 'user_data']);
  const vlmSdk = await runContender('vlmrun-sdk-upload', [sandbox.urls.vlmrun, file]);
  const openaiSdk = await runContender('openai-sdk-upload', [sandbox.urls.openai, file]);
  const round = (n: number) => Math.round(n * 100) / 100;
  report({
    ratio_vs_curl: round(best.ms / curlMs),
    peak_rss_growth_mb: Math.max(s1.peakRssGrowthMb, s2.peakRssGrowthMb),
    curl_ms: Math.round(curlMs),
    stowage_ms: best.ms,
    stowage_multipart_ratio_vs_curl: round(multipart.ms / curlMs),
    stowage_multipart_peak_rss_growth_mb: multipart.peakRssGrowthMb,
    vlmrun_sdk_ratio_vs_curl: round(vlmSdk.ms / curlMs),
    vlmrun_sdk_peak_rss_growth_mb: vlmSdk.peakRssGrowthMb,
    openai_sdk_ratio_vs_curl: round(openaiSdk.ms / curlMs),
    openai_sdk_peak_rss_growth_mb: openaiSdk.peakRssGrowthMb,
  });
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
