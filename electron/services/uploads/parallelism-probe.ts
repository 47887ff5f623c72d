/**
 * How many parts of one file to keep in flight, found while sending (as TCP finds its window):
 * start with `start`, and after each wave of stored parts (as many as there are connections,
 * counted from one part's completion to another's, so neither the first request's start nor the
 * socket buffers filling at memory speed are measured) add one connection if the last one added raised the throughput by at least half of what it
 * would on a link that caps each connection (from k to k+1 connections that is (k+1)/k, so at
 * least 1 + 1/(2k)). At the first one that did not pay, go back one and stay there.
 *
 * On a long-distance link, where each TCP stream is limited on its own, this climbs to `max`; on
 * a link or server that is the limit whatever the number of streams (loopback to a disk-bound
 * server), it stays low, so fewer parts are half-sent when the connection drops or the app dies,
 * and the server is not loaded for nothing.
 */
export class ParallelismProbe {
  private current: number;
  private settled: boolean;
  private epoch: { t: number; sent: number } | null = null;
  private lastRate = 0;

  constructor(
    private readonly max: number,
    private readonly partBytes: number,
    start: number,
  ) {
    this.current = Math.max(1, Math.min(start, max));
    this.settled = this.current >= max;
  }

  /** Parts to keep in flight now. */
  get target(): number {
    return this.current;
  }

  /** Bytes of the file the provider holds, at time `t` (ms), sampled as parts complete; true when the target changed. */
  sample(sent: number, t: number): boolean {
    if (this.settled) return false;
    if (!this.epoch) {
      this.epoch = { t, sent };
      return false;
    }
    const bytes = sent - this.epoch.sent;
    if (bytes < this.current * this.partBytes) return false;
    const rate = bytes / Math.max(1, t - this.epoch.t);
    this.epoch = { t, sent };
    if (this.lastRate === 0 || rate >= this.lastRate * (1 + 1 / (2 * (this.current - 1)))) {
      this.lastRate = rate;
      this.current += 1;
      this.settled = this.current >= this.max;
      return true;
    }
    this.current -= 1;
    this.settled = true;
    return true;
  }
}
