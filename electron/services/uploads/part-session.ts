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

/**
 * Chosen by measurement (`npm run bench -- upload_parts_tuning`: the queue to the sandbox, one
 * request against parts; shaped = 50 ms per request and 16 MiB/s per connection; three runs on a
 * shared 2-core machine, so ranges):
 *
 * - Threshold 64 MiB. Parts beat one request on the shaped link at every size tried (16 MiB: 1.1
 *   to 1.5×, 32 MiB: 1.2 to 2.2×, 64 MiB: 1.3 to 3.1×, 128 MiB: 1.4 to 3.2×) and cost time on
 *   loopback (0.5 to 0.8× at 16 to 128 MiB, up to 1.05× at 64 and 128 MiB). From 64 MiB the gain
 *   was at least a quarter in every run and seconds when the machine was quiet (2.4 s against
 *   0.2 s lost on loopback); at 32 MiB one run gained under a fifth. 64 MiB is also one part's
 *   limit: below it a file would travel as one or two parts anyway.
 * - 32 MiB parts. 256 MiB in 16, 32 or 64 MiB parts (4 in flight) made no consistent difference
 *   (shaped: 5.2 to 9.5 s each; loopback: 2.0 to 8.9 s, no size best twice). 32 MiB halves the
 *   requests of 16 (each pays the link's latency), a broken part costs at most 32 MiB, and 8 GB
 *   is 256 parts.
 * - 2 to 6 in flight (ParallelismProbe). 256 MiB over the shaped link took 8.5 to 16.4 s with 2
 *   parts in flight, 5.2 to 9.5 s with 4 and 3.8 to 6.9 s with 8; on loopback, where the server's
 *   disk is the limit, 1 GiB took 12.8 s with 2 and 12.3 to 14.6 s with 4 to 6. So the probe
 *   starts at 2, where a drop or a crash loses the least, and adds connections only while they
 *   pay. It stops at 6: each added connection gains less, a crash can lose that many half-sent
 *   parts, and three files at once (the workspace default) already fill the HTTP client's 16
 *   connections to one server.
 */
export const DEFAULT_PART_OPTIONS: PartOptions = { partBytes: 32 * MIB, thresholdBytes: 64 * MIB, parallelism: 6, startParallelism: 2 };

/** Parts are never cut smaller than this to spread a file over more connections. */
const MIN_SPREAD_BYTES = 8 * MIB;

/**
 * The part size for a file: `options.partBytes` (within the provider's limit), or less for a file
 * of fewer than `parallelism` parts, so that it still keeps every connection busy (with 6 in
 * flight at most, a 65 MiB file goes as six parts of 11 MiB, not three of 32), though never below
 * 8 MiB for that.
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
