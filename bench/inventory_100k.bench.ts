/**
 * inventory_100k: a full listing of 100,000 files (VLM Run dialect, skip/limit) in a sandbox child
 * process. Stowage reads 1,000-file pages with several in flight and builds the audit report; the
 * baseline is the vlmrun SDK reading the same 1,000-file pages one after another. The headline
 * figure adds 50 ms to every request (the sandbox's latency fault), as a real API across the
 * internet has: that wait is what parallel pages hide. On bare loopback both sides are bound by
 * the server's CPU on this 2-core machine, and that figure is reported too. Goal: speedup ≥ 4,
 * peak RSS of the listing process ≤ 200 MB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';
import { BENCH_KEY, runContender } from './services/measure';

const FILES = 100_000;
/** Round-trip time added to every listing request, like a real API across the internet. */
const LATENCY_MS = 50;
const dir = mkdtempSync(join(tmpdir(), 'stowage-inventory-'));
const adminToken = 'bench-admin-token';
const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY, '--admin-token', adminToken]);
const adminUrl = `${new URL(sandbox.urls.vlmrun).origin}/_admin`;
async function setLatency(ms: number): Promise<void> {
  const res = await fetch(`${adminUrl}/faults`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(ms > 0 ? { latencyMs: ms, targets: ['vlmrun'] } : {}),
  });
  if (!res.ok) throw new Error(`could not set latency: ${res.status}`);
}
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
  const loopSdk = await runContender('vlmrun-sdk-inventory', [sandbox.urls.vlmrun, '1000']);
  const loopOurs = await runContender('stowage-inventory', [sandbox.urls.vlmrun]);
  await setLatency(LATENCY_MS);
  const sdk = await runContender('vlmrun-sdk-inventory', [sandbox.urls.vlmrun, '1000']);
  const ours = await runContender('stowage-inventory', [sandbox.urls.vlmrun]);
  for (const run of [loopSdk, loopOurs, sdk, ours]) if (run.extra?.files !== FILES) throw new Error(`incomplete listing: ${JSON.stringify(run.extra)}`);
  const round = (n: number) => Math.round(n * 100) / 100;
  report({
    speedup_vs_sequential_sdk: round(sdk.ms / ours.ms),
    peak_rss_mb: Math.max(ours.peakRssMb, loopOurs.peakRssMb),
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
  rmSync(dir, { recursive: true, force: true });
}
