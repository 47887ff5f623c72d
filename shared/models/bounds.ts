import { z } from 'zod';

/**
 * The largest value of each kind the window may send main. Every string and array in a channel's
 * input is bounded (shared/contract/bounds.test.ts walks them all), so a compromised or buggy
 * renderer cannot make main parse, store or forward something huge. Each limit is far above any
 * honest value: ids are UUIDs or short provider ids, paths fit the OS's PATH_MAX.
 */
export const LIMITS = {
  /** Workspace, run, batch, preflight and queue-item ids (ours: UUIDs). */
  id: 200,
  /** A provider's file id. */
  fileId: 256,
  /** One path on disk (Linux PATH_MAX). */
  path: 4096,
  /** A base URL or an address to open. */
  url: 2048,
  /** A provider's paging cursor or token. */
  cursor: 4096,
  /** A purpose name. */
  purpose: 100,
  /** Ids or paths in one request. */
  batch: 100_000,
} as const;

/** One of our own ids (workspace, run, batch, preflight, queue item). */
export const RecordId = z.string().max(LIMITS.id);

/** A provider purpose, as picked in the window. */
export const Purpose = z.string().max(LIMITS.purpose);
