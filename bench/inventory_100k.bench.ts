/**
 * inventory_100k: a full audit of 100,000 files (VLM Run dialect, skip/limit) in a sandbox child
 * process. Stowage runs its real InventoryService: 1,000-file pages with several in flight,
 * streamed into an audit snapshot in the catalogue, then the report from SQL; the baseline is the
 * vlmrun SDK reading the same 1,000-file pages one after another. The headline figure adds 50 ms
 * to every request (the sandbox's latency fault), as a real API across the internet has: that wait
 * is what parallel pages hide. On bare loopback both sides are bound by CPU on this 2-core
 * machine, and that figure is reported too. Goal: speedup ≥ 4, peak RSS of the audit process ≤ 200 MB.
 */
import { report } from './report';
import { startInventorySandbox } from './services/inventory-sandbox';
import { runContender } from './services/measure';

const FILES = 100_000;
/** Round-trip time added to every listing request, like a real API across the internet. */
const LATENCY_MS = 50;
const sandbox = await startInventorySandbox(FILES);
try {
  await runContender('vlmrun-sdk-inventory', [sandbox.url, '1000']);
  const loopSdk = await runContender('vlmrun-sdk-inventory', [sandbox.url, '1000']);
  const loopOurs = await runContender('stowage-inventory', [sandbox.url, sandbox.dir]);
  await sandbox.setLatency(LATENCY_MS);
  const sdk = await runContender('vlmrun-sdk-inventory', [sandbox.url, '1000']);
  const ours = await runContender('stowage-inventory', [sandbox.url, sandbox.dir]);
  for (const run of [loopSdk, loopOurs, sdk, ours]) if (run.extra?.files !== FILES) throw new Error(`incomplete listing: ${JSON.stringify(run.extra)}`);
  const round = (n: number) => Math.round(n * 100) / 100;
  const peak = (run: typeof ours) => Math.max(run.peakRssMb, run.extra?.peak_rss_mb ?? 0);
  report({
    speedup_vs_sequential_sdk: round(sdk.ms / ours.ms),
    peak_rss_mb: Math.max(peak(ours), peak(loopOurs)),
    goal_speedup: 4,
    goal_peak_rss_mb: 200,
    latency_ms_per_request: LATENCY_MS,
    stowage_ms: ours.ms,
    sdk_ms: sdk.ms,
    speedup_vs_sequential_sdk_loopback_no_latency: round(loopSdk.ms / loopOurs.ms),
    stowage_loopback_ms: loopOurs.ms,
    sdk_loopback_ms: loopSdk.ms,
    files: FILES,
  });
} finally {
  await sandbox.stop();
}
