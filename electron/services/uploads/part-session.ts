import { z } from 'zod';

/**
 * A multipart upload in progress, kept in the queue item (and so on disk) after every stored
 * part: the provider has no call to list an Upload's parts, so these ids are the only record of
 * what arrived. With them a dropped connection, a quit or a crash costs only the parts that had
 * not finished.
 */
export const PartSession = z.object({
  uploadId: z.string(),
  /** Size of every part but the last, fixed for the session (part k starts at k × partBytes). */
  partBytes: z.number().int().positive(),
  /** Unix ms (this computer's clock) after which the provider takes no more parts. */
  expiresAt: z.number(),
  /** The file as it was when the session began: another size or time means starting again. */
  fileBytes: z.number().int().nonnegative(),
  fileMtimeMs: z.number(),
  /** The provider's id of each part in file order, null while that part is not stored. */
  partIds: z.array(z.string().nullable()),
});
export type PartSession = z.infer<typeof PartSession>;

/** How a big file is cut and sent; one object so tests can use small parts on loopback. */
export interface PartOptions {
  /** Bytes per part (capped by the provider's part limit). */
  partBytes: number;
  /** Files larger than this go in parts even where one request would be allowed. */
  thresholdBytes: number;
  /** Most parts of one file in flight at once. */
  parallelism: number;
  /** Parts in flight at first; more are added while they raise the throughput (see ParallelismProbe). */
  startParallelism: number;
}

const MIB = 1024 * 1024;

/** The app's part size, threshold and parallelism (before tuning by measurement: see the tuning bench). */
export const DEFAULT_PART_OPTIONS: PartOptions = { partBytes: 32 * MIB, thresholdBytes: 64 * MIB, parallelism: 6, startParallelism: 2 };

/** Parts are never cut smaller than this to spread a file over more connections. */
const MIN_SPREAD_BYTES = 8 * MIB;

/**
 * The part size for a file: `options.partBytes` (within the provider's limit), or less for a file
 * of fewer than `parallelism` parts, so that it still keeps every connection busy (a 64 MiB file
 * goes as four 16 MiB parts, not two of 32), though never below 8 MiB for that.
 */
export function partBytesFor(bytes: number, options: PartOptions, maxPartBytes: number): number {
  const spread = Math.ceil(bytes / Math.max(1, options.parallelism) / MIB) * MIB;
  return Math.min(maxPartBytes, options.partBytes, Math.max(MIN_SPREAD_BYTES, spread));
}

/** Where part `index` lies in a file of `bytes` cut into `partBytes` pieces. */
export function partRange(index: number, bytes: number, partBytes: number): { offset: number; length: number } {
  const offset = index * partBytes;
  return { offset, length: Math.max(0, Math.min(partBytes, bytes - offset)) };
}

/** How many parts a file of `bytes` needs (at least one: an Upload of 0 bytes is still one part). */
export function partCount(bytes: number, partBytes: number): number {
  return Math.max(1, Math.ceil(bytes / partBytes));
}

/** Bytes of the parts the provider already holds. */
export function storedBytes(session: PartSession): number {
  let total = 0;
  session.partIds.forEach((id, index) => {
    if (id !== null) total += partRange(index, session.fileBytes, session.partBytes).length;
  });
  return total;
}
