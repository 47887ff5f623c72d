/**
 * How many uploads one workspace runs at once. The workspace's "Files at a time" setting is the
 * cap for every file. Large files take at most LARGE_FILE_SLOTS of those places: their time goes
 * on bytes, which more streams on one link do not speed up, while each extra stream delays every
 * file's finish and makes the disk seek between files. Small files spend theirs on round trips
 * (lookup, request, the provider's write), so they use every place the cap gives.
 */

/**
 * A file at least this large is "large": its time goes on bytes rather than round trips. 8 MB in
 * the app's decimal unit (shared/format.ts), so the settings form's "8 MB and more" is exact.
 */
export const LARGE_FILE_BYTES = 8_000_000;
/** Most large files in flight at once per workspace, whatever the cap. */
export const LARGE_FILE_SLOTS = 3;

/** Free places in one workspace, given its cap and the sizes of the uploads it is running. */
export class Slots {
  private free: number;
  private largeFree: number;

  constructor(cap: number, runningSizes: Iterable<number>) {
    let running = 0;
    let large = 0;
    for (const bytes of runningSizes) {
      running += 1;
      if (bytes >= LARGE_FILE_BYTES) large += 1;
    }
    this.free = cap - running;
    this.largeFree = Math.min(cap, LARGE_FILE_SLOTS) - large;
  }

  /** Whether any upload at all may start. */
  get open(): boolean {
    return this.free > 0;
  }

  /** Takes a place for a file of `bytes` if one is free; false leaves it (and the line behind it) waiting. */
  take(bytes: number): boolean {
    const large = bytes >= LARGE_FILE_BYTES;
    if (this.free <= 0 || (large && this.largeFree <= 0)) return false;
    this.free -= 1;
    if (large) this.largeFree -= 1;
    return true;
  }
}
