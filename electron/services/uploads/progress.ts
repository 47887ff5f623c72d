import type { UploadSummary } from '../../../shared/models/uploads';
import type { UploadEvents } from './ports';
import { ACTIVE_STATES, publicItem, type QueueItem } from './queue-item';

/** The window hears about each item at most this often (10 per second). */
export const PROGRESS_INTERVAL_MS = 100;
const SPEED_WINDOW_MS = 3_000;
/** The first moments of a request fill the OS socket buffers at memory speed, not network speed. */
const SETTLE_MS = 500;
/** No speed (and so no ETA) is shown until it rests on at least this much settled time. */
const MIN_SPAN_MS = 1_000;

/**
 * Bytes per second over the last few seconds, from (time, bytes) samples. Samples from the first
 * half second only move the baseline (the burst that fills socket buffers would otherwise read as
 * hundreds of MB/s), and 0, meaning "not known yet", is returned until a second has been measured.
 */
export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];
  private startedAt: number | null = null;

  sample(bytes: number, t = Date.now()): number {
    const last = this.samples[this.samples.length - 1];
    if (last && bytes < last.bytes) {
      this.samples = [];
      this.startedAt = null;
    }
    this.startedAt ??= t;
    if (t - this.startedAt <= SETTLE_MS) {
      this.samples = [{ t, bytes }];
      return 0;
    }
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - (this.samples[0]?.t ?? t) > SPEED_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    if (!first || t - first.t < MIN_SPAN_MS) return 0;
    return ((bytes - first.bytes) * 1000) / (t - first.t);
  }
}

type CountedState = 'done' | 'kept' | 'failed' | 'cancelled' | 'skipped' | 'paused' | 'duplicate';
const COUNTED: ReadonlySet<string> = new Set<CountedState>(['done', 'kept', 'failed', 'cancelled', 'skipped', 'paused', 'duplicate']);

/** Counts per state, and bytes, for the summary line. */
export function summarize(items: Iterable<QueueItem>): UploadSummary {
  const s: UploadSummary = { total: 0, queued: 0, active: 0, done: 0, failed: 0, cancelled: 0, skipped: 0, paused: 0, duplicate: 0, kept: 0, bytesTotal: 0, bytesSent: 0 };
  for (const item of items) {
    s.total += 1;
    s.bytesTotal += item.bytes;
    s.bytesSent += item.state === 'done' || item.state === 'kept' ? item.bytes : item.sentBytes;
    if (ACTIVE_STATES.has(item.state)) s.active += 1;
    else if (item.state === 'queued') s.queued += 1;
    else if (COUNTED.has(item.state)) s[item.state as CountedState] += 1;
  }
  return s;
}

/**
 * Collects changes and sends them in one `uploads:progress` event per tick (changed items only)
 * plus an `uploads:summary` when the totals moved. One tick every 100 ms at most, and only while
 * something changed, so a thousand busy uploads never flood the window.
 */
export class ProgressHub {
  private readonly dirty = new Map<string, QueueItem>();
  private readonly meters = new Map<string, SpeedMeter>();
  private timer: NodeJS.Timeout | null = null;
  private lastSummary = '';

  constructor(
    private readonly events: UploadEvents,
    private readonly allItems: () => Iterable<QueueItem>,
  ) {}

  /** The item's speed after `sent` bytes, measured by its own meter (the item itself is not touched). */
  speed(item: QueueItem, sent: number): number {
    let meter = this.meters.get(item.id);
    if (!meter) {
      meter = new SpeedMeter();
      this.meters.set(item.id, meter);
    }
    return meter.sample(sent);
  }

  /** Marks an item as changed; it goes out with the next tick. */
  touch(item: QueueItem): void {
    if (!ACTIVE_STATES.has(item.state)) this.meters.delete(item.id);
    this.dirty.set(item.id, item);
    this.timer ??= setTimeout(() => this.flush(), PROGRESS_INTERVAL_MS);
  }

  /** Sends what is pending now (also used when a command must be reflected at once). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty.size > 0) {
      this.events.progress([...this.dirty.values()].map(publicItem));
      this.dirty.clear();
    }
    const summary = summarize(this.allItems());
    const key = JSON.stringify(summary);
    if (key !== this.lastSummary) {
      this.lastSummary = key;
      this.events.summary(summary);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
