/**
 * upload_parts_tuning: the measurements behind DEFAULT_PART_OPTIONS (part size, threshold,
 * parallelism), all through Stowage's queue to a sandbox child process, each run after a `sync`.
 *
 * 1. Threshold: files of 16, 32, 64 and 128 MiB sent in one request and in parts (the app's part
 *    options with the threshold lowered to 0), on loopback and on a shaped link (50 ms per
 *    request, 16 MiB/s per connection, as a long-distance TCP stream sees). Figures are
 *    `<link>_<size>_single_ms`, `<link>_<size>_parts_ms` and `<link>_<size>_speedup`.
 * 2. Parallelism and part size: 256 MiB over the shaped link with 2, 4 and 8 parts in flight
 *    (32 MiB parts), and with 16 and 64 MiB parts (4 in flight); plus the same part sizes on
 *    loopback, where the link is not the limit.
 *
 * The machine is shared and busy, so figures move between runs; ratios within one run are what
 * the choice rests on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PART_OPTIONS, type PartOptions } from '../electron/services/uploads/part-session';
import { report } from './report';
import { MIB, round2, startRig, stowageUpload } from './services/big-upload-rig';
import { writeBigFile } from './services/measure';

const SHAPED = { latencyMs: 50, bandwidthBytesPerSecond: 16 * MIB, targets: ['openai'] };
const LINKS = { loopback: {}, shaped: SHAPED } as const;
const SINGLE: PartOptions = { ...DEFAULT_PART_OPTIONS, thresholdBytes: Number.MAX_SAFE_INTEGER };
const PARTS: PartOptions = { ...DEFAULT_PART_OPTIONS, thresholdBytes: 0 };

const dir = mkdtempSync(join(tmpdir(), 'stowage-parts-tuning-'));
const rig = await startRig(dir);
const figures: Record<string, number> = {};
const run = async (file: string, parts: PartOptions) => {
  await rig.clean();
  return (await stowageUpload(rig.openai, dir, file, parts)).ms;
};
try {
  for (const size of [16, 32, 64, 128]) {
    const file = join(dir, `${size}.bin`);
    await writeBigFile(file, size * MIB);
    for (const [name, link] of Object.entries(LINKS)) {
      await rig.faults(link);
      const single = await run(file, SINGLE);
      const parts = await run(file, PARTS);
      figures[`${name}_${size}mib_single_ms`] = single;
      figures[`${name}_${size}mib_parts_ms`] = parts;
      figures[`${name}_${size}mib_speedup`] = round2(single / parts);
    }
    rmSync(file);
  }
  const file = join(dir, '256.bin');
  await writeBigFile(file, 256 * MIB);
  for (const [name, link] of Object.entries(LINKS)) {
    await rig.faults(link);
    for (const parallelism of name === 'shaped' ? [2, 4, 8] : [4]) figures[`${name}_256mib_p${parallelism}_32mib_ms`] = await run(file, { ...PARTS, partBytes: 32 * MIB, parallelism, startParallelism: parallelism });
    for (const partMib of [16, 64]) figures[`${name}_256mib_p4_${partMib}mib_ms`] = await run(file, { ...PARTS, partBytes: partMib * MIB, parallelism: 4, startParallelism: 4 });
  }
  report({
    ...figures,
    chosen_part_mib: DEFAULT_PART_OPTIONS.partBytes / MIB,
    chosen_threshold_mib: DEFAULT_PART_OPTIONS.thresholdBytes / MIB,
    chosen_parallelism: DEFAULT_PART_OPTIONS.parallelism,
  });
} finally {
  await rig.stop();
  rmSync(dir, { recursive: true, force: true });
}
