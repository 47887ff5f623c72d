/**
 * Makes offset paging (VLM Run's `skip`) cost about the same on page 1,000 as on page 1.
 * SQLite's OFFSET walks every skipped index entry; instead we remember the keyset position of
 * every STRIDE-th row of a listing (found in one window-function pass) and turn `OFFSET n` into
 * "after anchor ⌊n/STRIDE⌋, then OFFSET n mod STRIDE". Anchors are dropped on any write, when the
 * first row of the listing expires, and if the clock moves back, so they can never skip a row.
 */
import type { ListPosition, ListQuery } from './records';

/** Rows between two anchors: bounds the residual OFFSET walk. */
export const ANCHOR_STRIDE = 1000;

interface Anchors {
  positions: ListPosition[];
  builtAt: number;
  validUntil: number;
}

/** What the store computes for a listing on a cache miss. */
export interface AnchorBuild {
  /** Position of the row at offset STRIDE*k - 1, for k = 1, 2, ... */
  positions: ListPosition[];
  /** Earliest expiry among the listing's rows (Infinity if none expire). */
  validUntil: number;
}

/** Per-listing anchor cache; keyed by everything that changes which rows a listing holds. */
export class OffsetAnchors {
  private readonly cache = new Map<string, Anchors>();

  /** Forgets all anchors (call on every insert or delete). */
  invalidate(): void {
    this.cache.clear();
  }

  /** The same query as keyset + small offset, or the query unchanged when anchors do not help. */
  rewrite(q: ListQuery, build: () => AnchorBuild): ListQuery {
    const offset = q.offset ?? 0;
    if (offset < ANCHOR_STRIDE || q.after || q.ids) return q;
    const key = JSON.stringify([q.dialect, q.scope, q.purpose, q.filename, q.externalId, q.order]);
    let entry = this.cache.get(key);
    if (!entry || q.now < entry.builtAt || q.now >= entry.validUntil) {
      entry = { ...build(), builtAt: q.now };
      this.cache.set(key, entry);
    }
    const index = Math.min(Math.floor(offset / ANCHOR_STRIDE), entry.positions.length);
    const anchor = entry.positions[index - 1];
    if (!anchor) return q;
    return { ...q, after: anchor, offset: offset - index * ANCHOR_STRIDE };
  }
}
