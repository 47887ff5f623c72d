/**
 * inventory_100k: a full listing of 100,000 files (VLM Run dialect, skip/limit) in a sandbox child
 * process. Stowage reads 1,000-file pages with several in flight and builds the audit report; the
 * baseline is the vlmrun SDK reading the same 1,000-file pages one after another. Also shown: the
 * SDK with 100-file pages, a page size a hand-written loop often uses. Goal: speedup ≥ 4, peak RSS
 * of the listing process ≤ 200 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';
import { BENCH_KEY, runContender } from './services/measure';

const FILES = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'stowage-inventory-'));
const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY]);
try {
  for (let start = 0; start < FILES; start += 50_000) {
    const res = await fetch(`${sandbox.urls.vlmrun}/_sandbox/seed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 50_000, start, purposes: ['assistants', 'vision', 'batch', 'datasets'] }),
    });
    if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
  }
  await runContender('vlmrun-sdk-inventory', [sandbox.urls.vlmrun, '1000']);
  const sdk = await runContender('vlmrun-sdk-inventory', [sandbox.urls.vlmrun, '1000']);
  const sdk100 = await runContender('vlmrun-sdk-inventory', [sandbox.urls.vlmrun, '100']);
  const ours = await runContender('stowage-inventory', [sandbox.urls.vlmrun]);
  if (ours.extra?.files !== FILES || sdk.extra?.files !== FILES) throw new Error(`incomplete listing: ${JSON.stringify([ours.extra, sdk.extra])}`);
  const round = (n: number) => Math.round(n * 100) / 100;
  report({
    speedup_vs_sequential_sdk: round(sdk.ms / ours.ms),
    peak_rss_mb: ours.peakRssMb,
    stowage_ms: ours.ms,
    sdk_ms: sdk.ms,
    speedup_vs_sequential_sdk_100_per_page: round(sdk100.ms / ours.ms),
    files: FILES,
  });
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
