/**
 * upload_1g: one 1 GiB file into a sandbox child process, by Stowage's uploader, `curl -F`, and the
 * official vlmrun and openai SDKs, each in its own process. Goal: time within 1.15× of curl, and
 * the uploading process's memory growing by at most 100 MB (the SDKs buffer the whole file).
 *
 * Stowage takes its real path for a 1 GiB VLM Run file (presigned PUT); `stowage_multipart_*`
 * is the same file through its multipart path to the OpenAI dialect, against curl -F to that same
 * endpoint, for a like-for-like look at the multipart body.
 * One warm-up upload per endpoint first (the server's very first 1 GiB write is faster than every
 * later one on this disk), then Stowage and curl alternate over two rounds, swapping who goes first,
 * best of each; every run starts after a `sync` so none pays for the previous one's writeback.
 * One run for each SDK.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';
import { BENCH_KEY, runContender, timeCommand, writeBigFile, type Measured } from './services/measure';

const GIB = 1024 ** 3;
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-1g-'));
const file = join(dir, 'one-gib.bin');
const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY, '--limit', `openai=${2 * GIB}`, '--limit', `vlmrun=${2 * GIB}`]);
try {
  await writeBigFile(file, GIB);
  const settle = () => timeCommand('sync', []);
  const curl = async () => {
    await settle();
    return timeCommand('curl', ['-sS', '-o', '/dev/null', '--fail', '-H', `Authorization: Bearer ${BENCH_KEY}`, '-F', `file=@${file}`, `${sandbox.urls.vlmrun}/files?purpose=assistants`]);
  };
  const curlOpenAi = async () => {
    await settle();
    return timeCommand('curl', ['-sS', '-o', '/dev/null', '--fail', '-H', `Authorization: Bearer ${BENCH_KEY}`, '-F', 'purpose=user_data', '-F', `file=@${file}`, `${sandbox.urls.openai}/files`]);
  };
  const stowage = async (kind: 'vlmrun' | 'openai') => {
    await settle();
    return kind === 'vlmrun'
      ? runContender('stowage-upload', ['vlmrun', sandbox.urls.vlmrun, file, 'assistants'])
      : runContender('stowage-upload', ['openai', sandbox.urls.openai, file, 'user_data']);
  };
  const curlRuns: number[] = [];
  const ourRuns: Measured[] = [];
  const curlOpenAiRuns: number[] = [];
  const multipartRuns: Measured[] = [];
  await curl();
  await curlOpenAi();
  for (let round = 0; round < 2; round += 1) {
    const curlFirst = round === 0;
    if (curlFirst) curlRuns.push(await curl());
    ourRuns.push(await stowage('vlmrun'));
    if (!curlFirst) curlRuns.push(await curl());
    if (curlFirst) curlOpenAiRuns.push(await curlOpenAi());
    multipartRuns.push(await stowage('openai'));
    if (!curlFirst) curlOpenAiRuns.push(await curlOpenAi());
  }
  const curlMs = Math.min(...curlRuns);
  const curlOpenAiMs = Math.min(...curlOpenAiRuns);
  const fastest = (runs: Measured[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const best = fastest(ourRuns);
  const multipart = fastest(multipartRuns);
  await settle();
  const vlmSdk = await runContender('vlmrun-sdk-upload', [sandbox.urls.vlmrun, file]);
  await settle();
  const openaiSdk = await runContender('openai-sdk-upload', [sandbox.urls.openai, file]);
  const round = (n: number) => Math.round(n * 100) / 100;
  report({
    ratio_vs_curl: round(best.ms / curlMs),
    peak_rss_growth_mb: Math.max(...ourRuns.map((r) => r.peakRssGrowthMb)),
    curl_ms: Math.round(curlMs),
    stowage_ms: best.ms,
    stowage_multipart_ratio_vs_curl: round(multipart.ms / curlOpenAiMs),
    stowage_multipart_peak_rss_growth_mb: Math.max(...multipartRuns.map((r) => r.peakRssGrowthMb)),
    vlmrun_sdk_ratio_vs_curl: round(vlmSdk.ms / curlMs),
    vlmrun_sdk_peak_rss_growth_mb: vlmSdk.peakRssGrowthMb,
    openai_sdk_ratio_vs_curl: round(openaiSdk.ms / curlOpenAiMs),
    openai_sdk_peak_rss_growth_mb: openaiSdk.peakRssGrowthMb,
  });
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
