/**
 * Makes offset paging (VLM Run's `skip`) cost about the same on page 1,000 as on page 1.
 * SQLite's OFFSET walks every skipped index entry; instead we remember the keyset position of
 * every STRIDE-th row of a listing and turn `OFFSET n` into "after anchor ⌊n/STRIDE⌋, then
 * OFFSET n mod STRIDE". A missing anchor is found with one covering-index walk from the nearest
 * known anchor below it, so the first deep page after a write costs about what a plain OFFSET
 * would, and pages near a known anchor almost nothing. Anchors are dropped on any write, when
 * the first row of the listing expires, and if the clock moves back, so they never skip a row.
 */
import type { ListPosition, ListQuery } from './records';

/** Rows between two anchors: bounds the residual OFFSET walk. */
export const ANCHOR_STRIDE = 1000;

/** How the store walks a listing along its index. */
export interface AnchorSource {
  /** Position of the `rows`-th row after `from` (from the start when undefined), if there is one. */
  walk(from: ListPosition | undefined, rows: number): ListPosition | undefined;
  /** When the listing may next lose a row to expiry (Infinity if nothing expires). */
  validUntil(): number;
}

interface Anchors {
  /** Anchor k is the row at offset STRIDE*k - 1 (so "after anchor k" starts at offset STRIDE*k). */
  positions: Map<number, ListPosition>;
  /** Smallest k known to lie past the end of the listing. */
  end: number;
  builtAt: number;
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
  rewrite(q: ListQuery, source: AnchorSource): ListQuery {
    const offset = q.offset ?? 0;
    if (offset < ANCHOR_STRIDE || q.after || q.ids) return q;
    const key = JSON.stringify([q.dialect, q.scope, q.purpose, q.filename, q.externalId, q.order]);
    let entry = this.cache.get(key);
    if (!entry || q.now < entry.builtAt || q.now >= entry.validUntil) {
      entry = { positions: new Map(), end: Infinity, builtAt: q.now, validUntil: source.validUntil() };
      this.cache.set(key, entry);
    }
    const index = this.anchorAtOrBelow(entry, Math.floor(offset / ANCHOR_STRIDE), source);
    const anchor = entry.positions.get(index);
    if (!anchor) return q;
    return { ...q, after: anchor, offset: offset - index * ANCHOR_STRIDE };
  }

  /** The largest k ≤ wanted with a known anchor, finding anchor `wanted` first if it exists. */
  private anchorAtOrBelow(entry: Anchors, wanted: number, source: AnchorSource): number {
    let below = 0;
    for (const k of entry.positions.keys()) if (k <= wanted && k > below) below = k;
    if (below === wanted || wanted >= entry.end) return below;
    const found = source.walk(entry.positions.get(below), (wanted - below) * ANCHOR_STRIDE);
    if (!found) {
      entry.end = wanted;
      return below;
    }
    entry.positions.set(wanted, found);
    return wanted;
  }
}
