/**
 * small_files: a folder of 1,000 files of 4–64 KiB, timed as an operator waits for it: the whole
 * app core from "folder dropped" to "every item done" with default settings (grant, pre-flight,
 * "Ask me", so an MD5 lookup before each upload as the SDK's default does, the default
 * concurrency, persistence, events and activity log; bench/services/contenders/stowage-queue.ts),
 * against the vlmrun SDK's sequential loop from the VLM Run docs' batch recipe. Each contender
 * runs in its own process and gets its own file set. Goal: speedup_vs_vlmrun_sdk ≥ 6.
 *
 * On loopback, Stowage runs before and after the SDK (best of the two); a secondary line caps the
 * workspace at 3 files at a time (the old default). Then the same against the sandbox shaped to
 * 1 Gbit/s with its bandwidth fault (each body read no faster than that).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './report';
import { runContender, type Measured } from './services/measure';
import { benchSandbox, ONE_GBIT, ratio } from './services/sandbox-runs';

const COUNT = 1000;
const root = mkdtempSync(join(tmpdir(), 'stowage-small-'));
let sets = 0;

/** A fresh folder of COUNT files whose bytes no other set shares. */
function makeSet(): string {
  sets += 1;
  const dir = join(root, `set-${sets}`);
  mkdirSync(dir);
  let x = sets;
  for (let i = 0; i < COUNT; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    const buf = Buffer.alloc(4096 + (x % (60 * 1024)), i % 251);
    buf.write(`set-${sets}-${i}`, 0);
    writeFileSync(join(dir, `file-${String(i).padStart(4, '0')}.txt`), buf);
  }
  return dir;
}

const stowage = (url: string, ...extra: string[]): Promise<Measured> => runContender('stowage-queue', [url, makeSet(), ...extra]);
const sdkLoop = (url: string): Promise<Measured> => runContender('vlmrun-sdk-small-files', [url, makeSet()]);

try {
  const loop = await benchSandbox(join(root, 'store-loopback'), null);
  let before: Measured;
  let sdk: Measured;
  let after: Measured;
  let capped: Measured;
  try {
    before = await stowage(loop.urls.vlmrun);
    sdk = await sdkLoop(loop.urls.vlmrun);
    after = await stowage(loop.urls.vlmrun);
    capped = await stowage(loop.urls.vlmrun, '--concurrency', '3');
  } finally {
    await loop.stop();
  }
  const shaped = await benchSandbox(join(root, 'store-gbit'), ONE_GBIT);
  let shapedOurs: Measured;
  let shapedSdk: Measured;
  try {
    shapedOurs = await stowage(shaped.urls.vlmrun);
    shapedSdk = await sdkLoop(shaped.urls.vlmrun);
  } finally {
    await shaped.stop();
  }
  const best = Math.min(before.ms, after.ms);
  report({
    speedup_vs_vlmrun_sdk: ratio(sdk.ms, best),
    goal_speedup: 6,
    speedup_vs_vlmrun_sdk_slower_stowage_run: ratio(sdk.ms, Math.max(before.ms, after.ms)),
    stowage_ms: best,
    stowage_cpu_ms: Math.min(before.extra?.cpu_ms ?? 0, after.extra?.cpu_ms ?? 0),
    stowage_preflight_ms: Math.min(before.extra?.preflight_ms ?? 0, after.extra?.preflight_ms ?? 0),
    vlmrun_sdk_ms: sdk.ms,
    vlmrun_sdk_cpu_ms: sdk.extra?.cpu_ms ?? 0,
    speedup_vs_vlmrun_sdk_capped_at_3: ratio(sdk.ms, capped.ms),
    stowage_capped_at_3_ms: capped.ms,
    gbit_speedup_vs_vlmrun_sdk: ratio(shapedSdk.ms, shapedOurs.ms),
    gbit_stowage_ms: shapedOurs.ms,
    gbit_vlmrun_sdk_ms: shapedSdk.ms,
    files: COUNT,
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}
