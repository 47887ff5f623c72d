/**
 * inventory_1m (issue 11): an audit of a 1,000,000-file workspace (VLM Run dialect, skip/limit)
 * in a sandbox child process on loopback, every request 50 ms late (the sandbox's latency fault,
 * standing in for a real API across the internet). Stowage runs its real InventoryService: pages
 * of 1,000 with several in flight, streamed into an audit snapshot in the catalogue on disk (no
 * listing held in memory), indexed, then the report from SQL. The baseline is the vlmrun SDK's
 * `client.files.list` loop reading the same pages one after another. Each side runs in its own
 * Node process, so each peak RSS is its own.
 *
 * Goals: the audit completes; peak RSS of the process running the service ≤ 400 MB; ≥ 4× faster
 * than the SDK's sequential paging. The ratio is measured in the same run, since the shared
 * machine's load moves both sides. The audit is done when its report is ready; beside that: when
 * the last page was stored (listing and inserts overlap), when the remaining sort indexes had been
 * built in the background (the peak RSS covers that too), CPU time, and the catalogue's size.
 */
import { report } from './report';
import { startInventorySandbox } from './services/inventory-sandbox';
import { runContender } from './services/measure';

const FILES = 1_000_000;
const LATENCY_MS = 50;
const sandbox = await startInventorySandbox(FILES);
try {
  await sandbox.setLatency(LATENCY_MS);
  const ours = await runContender('stowage-inventory', [sandbox.url, sandbox.dir]);
  const sdk = await runContender('vlmrun-sdk-inventory', [sandbox.url, '1000']);
  for (const run of [ours, sdk]) if (run.extra?.files !== FILES) throw new Error(`incomplete listing: ${JSON.stringify(run.extra)}`);
  const x = (key: string) => ours.extra?.[key] ?? Number.NaN;
  const peak = Math.max(ours.peakRssMb, x('peak_rss_mb'));
  const speedup = Math.round((sdk.ms / ours.ms) * 100) / 100;
  console.log(
    `stowage: ${ours.ms} ms (last page stored at ${x('list_ms')} ms, all indexes at ${x('indexed_ms')} ms, CPU ${x('cpu_ms')} ms), peak RSS ${peak} MB, catalogue ${x('db_mb')} MB`,
  );
  console.log(`sdk:     ${sdk.ms} ms, peak RSS ${sdk.peakRssMb} MB`);
  console.log(`speedup: ${speedup}×   goal ≥ 4×; peak RSS goal ≤ 400 MB`);
  report({
    completed: true,
    speedup_vs_sequential_sdk: speedup,
    peak_rss_mb: peak,
    goal_speedup: 4,
    goal_peak_rss_mb: 400,
    latency_ms_per_request: LATENCY_MS,
    stowage_ms: ours.ms,
    stowage_last_page_stored_ms: x('list_ms'),
    stowage_all_indexes_ms: x('indexed_ms'),
    stowage_cpu_ms: x('cpu_ms'),
    catalogue_mb: x('db_mb'),
    sdk_ms: sdk.ms,
    sdk_peak_rss_mb: sdk.peakRssMb,
    files: FILES,
  });
} finally {
  await sandbox.stop();
}
