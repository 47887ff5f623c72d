/**
 * small_files: 1,000 files of 4–64 KiB into a sandbox child process. Stowage's full upload path
 * (pre-flight, queue, duplicate check by MD5 like the SDK's default, persistence and events) at
 * the workspace's highest concurrency (8) and at the default (3), against the vlmrun SDK's
 * sequential loop from the VLM Run docs' batch recipe. Each contender gets its own file set.
 * Goal: speedup_vs_vlmrun_sdk ≥ 5.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';
import { BENCH_KEY, runContender } from './services/measure';

const COUNT = 1000;
const root = mkdtempSync(join(tmpdir(), 'stowage-small-'));

function makeSet(name: string, seed: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  let x = seed;
  for (let i = 0; i < COUNT; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    const size = 4096 + (x % (60 * 1024));
    const buf = Buffer.alloc(size, i % 251);
    buf.write(`${name}-${i}-${seed}`, 0);
    writeFileSync(join(dir, `file-${String(i).padStart(4, '0')}.txt`), buf);
  }
  return dir;
}

const sandbox = await spawnSandboxCli(['--data-dir', join(root, 'store'), '--api-key', BENCH_KEY]);
try {
  const sdk = await runContender('vlmrun-sdk-small-files', [sandbox.urls.vlmrun, makeSet('sdk', 1)]);
  const at8 = await runContender('stowage-small-files', [sandbox.urls.vlmrun, makeSet('stowage8', 2), '8']);
  const at3 = await runContender('stowage-small-files', [sandbox.urls.vlmrun, makeSet('stowage3', 3), '3']);
  if (at8.extra?.done !== COUNT || at3.extra?.done !== COUNT) throw new Error(`not every file was uploaded: ${JSON.stringify([at8.extra, at3.extra])}`);
  const round = (n: number) => Math.round(n * 100) / 100;
  report({
    speedup_vs_vlmrun_sdk: round(sdk.ms / at8.ms),
    speedup_vs_vlmrun_sdk_concurrency_3: round(sdk.ms / at3.ms),
    stowage_ms: at8.ms,
    stowage_concurrency_3_ms: at3.ms,
    vlmrun_sdk_ms: sdk.ms,
    files: COUNT,
  });
} finally {
  await sandbox.stop();
  rmSync(root, { recursive: true, force: true });
}
