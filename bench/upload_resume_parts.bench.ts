/**
 * upload_resume_parts: what a broken upload costs. One 2 GiB file through Stowage's queue
 * (pre-flight, default settings: Uploads API, 32 MiB parts, 4 at a time) on loopback, through a
 * proxy that counts the bytes put on the wire:
 *
 * - unbroken, twice (before and after the broken runs; their mean is the reference time, their
 *   bytes the reference count);
 * - reset: once 90% is sent, the sandbox resets the next request's connection half-way through
 *   its part. Goals: bytes sent again at most 2 parts; time at most 1.2× unbroken;
 * - crash: once 50% is sent the uploading process is killed (SIGKILL); a new process opens the
 *   queue from the same data dir and resumes. Goals: bytes sent again at most 2 parts (a crash
 *   loses the parts in flight, up to 4, on average half of each); exactly one file stored.
 *
 * Bytes sent again = bytes on the wire minus the unbroken run's (headers and framing included in both).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PART_OPTIONS } from '../electron/services/uploads/part-session';
import { report } from './report';
import { startByteProxy } from './services/byte-proxy';
import { GIB, MIB, resumeStowage, round2, startRig, startStowage } from './services/big-upload-rig';
import { writeBigFile } from './services/measure';

const SIZE = 2 * GIB;
const PART = DEFAULT_PART_OPTIONS.partBytes;
const dir = mkdtempSync(join(tmpdir(), 'stowage-upload-resume-'));
const rig = await startRig(dir);
const proxy = await startByteProxy(rig.openai);
const base = proxy.url(rig.openai);
try {
  const file = join(dir, 'two-gib.bin');
  await writeBigFile(file, SIZE);
  const unbroken = async () => {
    await rig.clean();
    proxy.resetCount();
    const run = await (await startStowage(base, dir, file)).result;
    return { ms: run.ms, bytes: proxy.sent() };
  };

  const first = await unbroken();

  await rig.clean();
  proxy.resetCount();
  let armed = false;
  const reset = await (
    await startStowage(base, dir, file, {
      onProgress: (sent) => {
        if (armed || sent < 0.9 * SIZE) return;
        armed = true;
        void rig.faults({ resetAfterBytes: { bytes: PART / 2, count: 1 }, targets: ['openai'] });
      },
    })
  ).result;
  const resetBytes = proxy.sent();
  await rig.faults({});

  await rig.clean();
  proxy.resetCount();
  let killedAt = 0;
  const doomed = await startStowage(base, dir, file, {
    onProgress: (sent) => {
      if (killedAt > 0 || sent < 0.5 * SIZE) return;
      killedAt = sent;
      doomed.kill();
    },
  });
  await doomed.result.catch(() => undefined);
  const resumed = await resumeStowage(base, doomed.dataDir).result;
  const crashBytes = proxy.sent();
  const copies = (await rig.stored()).filter((name) => name === 'two-gib.bin').length;

  const second = await unbroken();
  const reference = { ms: (first.ms + second.ms) / 2, bytes: Math.min(first.bytes, second.bytes) };
  await rig.clean();
  report({
    bytes: SIZE,
    part_mib: PART / MIB,
    reset_resent_parts: round2((resetBytes - reference.bytes) / PART),
    reset_time_ratio: round2(reset.ms / reference.ms),
    crash_resent_parts: round2((crashBytes - reference.bytes) / PART),
    crash_files_stored: copies,
    crash_killed_at_mib: Math.round(killedAt / MIB),
    crash_resumed_from_mib: Math.round((resumed.extra?.resumed_from ?? 0) / MIB),
    unbroken_ms: Math.round(reference.ms),
    unbroken_ms_runs: `${first.ms} ${second.ms}`,
    reset_ms: reset.ms,
    resume_after_crash_ms: resumed.ms,
    goal_resent_parts: 2,
    goal_reset_time_ratio: 1.2,
  });
} finally {
  await proxy.close();
  await rig.stop();
  rmSync(dir, { recursive: true, force: true });
}
