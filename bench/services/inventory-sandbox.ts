/**
 * The sandbox the inventory benchmarks list: a child process on loopback holding `files` seeded
 * files (VLM Run dialect, skip/limit), with the latency fault to stand in for a real API's round
 * trip, and a scratch folder for the contenders' catalogues.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../../electron/sandbox/child';
import { BENCH_KEY } from './measure';

/** Most files one seed request may create (the sandbox's MAX_SEED_BATCH). */
const SEED_BATCH = 50_000;
const PURPOSES = ['assistants', 'vision', 'batch', 'datasets'];

export interface InventorySandbox {
  /** The VLM Run dialect's base URL. */
  url: string;
  /** A folder removed with the sandbox, for catalogues. */
  dir: string;
  /** Adds `ms` to every listing request (0 turns it off). */
  setLatency(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startInventorySandbox(files: number): Promise<InventorySandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-inventory-'));
  const adminToken = 'bench-admin-token';
  const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY, '--admin-token', adminToken]);
  const url = sandbox.urls.vlmrun;
  const stop = async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let start = 0; start < files; start += SEED_BATCH) {
      const res = await fetch(`${url}/_sandbox/seed`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ count: Math.min(SEED_BATCH, files - start), start, purposes: PURPOSES }),
      });
      if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const adminUrl = `${new URL(url).origin}/_admin`;
  return {
    url,
    dir,
    stop,
    async setLatency(ms) {
      const res = await fetch(`${adminUrl}/faults`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(ms > 0 ? { latencyMs: ms, targets: ['vlmrun'] } : {}),
      });
      if (!res.ok) throw new Error(`could not set latency: ${res.status}`);
    },
  };
}
