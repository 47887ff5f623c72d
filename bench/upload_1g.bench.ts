/**
 * upload_1g: one 1 GiB file, timed as an operator waits for it: the whole app core takes the drop
 * from "file dropped" to "item done" (grant, pre-flight, the dialog's defaults: "Ask me" and the
 * default concurrency, then MD5 lookup, presigned upload and verification, with retries,
 * persistence and progress events; bench/services/contenders/stowage-queue.ts), against
 * `curl -F` of the same file, each in its own process, into a sandbox child:
 *
 * - on loopback (goal ≤ 1.10× curl, the uploading process's memory growing by at most 64 MB);
 * - shaped to 1 Gbit/s with the sandbox's bandwidth fault, a fast office link where hashing is
 *   a real share of the time (goal ≤ 1.05× curl).
 *
 * Runs alternate with curl, swapping who goes first, after a warm-up upload (the first 1 GiB
 * write on this disk is faster than later ones) and a `sync` before each; the store is emptied
 * after each run. Best of each side gives the ratio (the machine is shared: the worst runs are
 * reported too). Secondary lines on loopback: Stowage's adapter alone (no queue, no hash), its
 * multipart body to the OpenAI dialect against curl to that endpoint, and both official SDKs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runContender, writeBigFile, type Measured } from './services/measure';
import { benchSandbox, clearVlmRun, curlUpload, ONE_GBIT, ratio, settleDisk, spread } from './services/sandbox-runs';

const GIB = 1024 ** 3;
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-1g-'));
const file = join(dir, 'one-gib.bin');
const limits = ['--limit', `openai=${2 * GIB}`, '--limit', `vlmrun=${2 * GIB}`];
const figures: Record<string, number> = {};

/** Alternating rounds of curl and the product path against one sandbox; returns best/worst of each. */
async function dropToDone(label: string, bytesPerSecond: number | null, rounds: number): Promise<Measured[]> {
  const sandbox = await benchSandbox(join(dir, `store-${label}`), bytesPerSecond, limits);
  const vlmrun = sandbox.urls.vlmrun;
  const curl = async () => {
    await settleDisk();
    const ms = await curlUpload(`${vlmrun}/files?purpose=assistants`, file);
    await clearVlmRun(vlmrun);
    return ms;
  };
  const stowage = async () => {
    await settleDisk();
    const run = await runContender('stowage-queue', [vlmrun, file]);
    await clearVlmRun(vlmrun);
    return run;
  };
  try {
    await curl();
    const curlRuns: number[] = [];
    const ours: Measured[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (round % 2 === 0) curlRuns.push(await curl());
      ours.push(await stowage());
      if (round % 2 === 1) curlRuns.push(await curl());
    }
    const c = spread(curlRuns);
    const s = spread(ours.map((r) => r.ms));
    Object.assign(figures, {
      [`${label}_ratio_vs_curl`]: ratio(s.best, c.best),
      [`${label}_ratio_vs_curl_worst_runs`]: ratio(s.worst, c.worst),
      [`${label}_stowage_ms`]: s.best,
      [`${label}_curl_ms`]: c.best,
      [`${label}_stowage_cpu_ms`]: Math.min(...ours.map((r) => r.extra?.cpu_ms ?? 0)),
    });
    if (label === 'loopback') await secondary(vlmrun, sandbox.urls.openai);
    return ours;
  } finally {
    await sandbox.stop();
  }
}

/** The adapter alone (the old headline), the multipart body, and the SDKs, on loopback. */
async function secondary(vlmrun: string, openai: string): Promise<void> {
  const adapter: Measured[] = [];
  const multipart: Measured[] = [];
  const curlOpenAi: number[] = [];
  const curlVlm: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    await settleDisk();
    adapter.push(await runContender('stowage-upload', ['vlmrun', vlmrun, file, 'assistants']));
    await clearVlmRun(vlmrun);
    await settleDisk();
    curlVlm.push(await curlUpload(`${vlmrun}/files?purpose=assistants`, file));
    await clearVlmRun(vlmrun);
    await settleDisk();
    multipart.push(await runContender('stowage-upload', ['openai', openai, file, 'user_data']));
    await settleDisk();
    curlOpenAi.push(await curlUpload(`${openai}/files`, file, ['purpose=user_data']));
  }
  await settleDisk();
  const vlmSdk = await runContender('vlmrun-sdk-upload', [vlmrun, file]);
  await clearVlmRun(vlmrun);
  await settleDisk();
  const openaiSdk = await runContender('openai-sdk-upload', [openai, file]);
  const best = (runs: Measured[]) => Math.min(...runs.map((r) => r.ms));
  const curlBest = Math.min(...curlVlm);
  Object.assign(figures, {
    adapter_only_ratio_vs_curl: ratio(best(adapter), curlBest),
    adapter_only_peak_rss_growth_mb: Math.max(...adapter.map((r) => r.peakRssGrowthMb)),
    adapter_only_multipart_ratio_vs_curl: ratio(best(multipart), Math.min(...curlOpenAi)),
    vlmrun_sdk_ratio_vs_curl: ratio(vlmSdk.ms, curlBest),
    vlmrun_sdk_peak_rss_growth_mb: vlmSdk.peakRssGrowthMb,
    openai_sdk_ratio_vs_curl: ratio(openaiSdk.ms, Math.min(...curlOpenAi)),
    openai_sdk_peak_rss_growth_mb: openaiSdk.peakRssGrowthMb,
  });
}

try {
  await writeBigFile(file, GIB);
  const loopback = await dropToDone('loopback', null, 3);
  const shaped = await dropToDone('gbit', ONE_GBIT, 2);
  const growth = (runs: Measured[]) => Math.max(...runs.map((r) => r.peakRssGrowthMb));
  report({
    loopback_ratio_vs_curl: figures.loopback_ratio_vs_curl ?? null,
    goal_loopback_ratio: 1.1,
    peak_rss_growth_mb: growth(loopback),
    goal_peak_rss_growth_mb: 64,
    gbit_ratio_vs_curl: figures.gbit_ratio_vs_curl ?? null,
    goal_gbit_ratio: 1.05,
    gbit_peak_rss_growth_mb: growth(shaped),
    ...figures,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
