/**
 * The MD5 of an Upload's parts taken while they arrive, so completing a big Upload need not read
 * it all again. Parts may arrive in any order, and only the completion says their order, so this
 * is a guess that is checked. Where a part's form file name ends in its number (`part-0`,
 * `part-1`, ...: Stowage names its parts so; OpenAI ignores the name), parts are hashed in that
 * order; otherwise in the order their requests started (a client that sends a file front to
 * back starts part k before part k + 1, though two started at once can arrive swapped). At the
 * completion the ids hashed so far are compared with the listed order: where they are its
 * beginning, only the rest is read; otherwise the whole file is hashed again from its parts. The
 * answer is the MD5 of the listed order either way; the guess only saves time.
 */
import { createReadStream } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';

interface Slot {
  /** Set once the part is stored: its id and where its bytes are. */
  part: { id: string; path: string } | null;
  /** The request ended without a stored part. */
  dropped: boolean;
}

/** Hashes `paths` in order into `hash`. */
async function hashFiles(hash: Hash, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  }
}

/** One Upload's running hash; see the module note. */
export class OrderedPartHash {
  private readonly hash = createHash('md5');
  private readonly slots: Slot[] = [];
  /** Ids hashed so far, in hashing order. */
  private readonly hashed: string[] = [];
  /** The hashing under way (one part at a time), settled when it has caught up. */
  private running: Promise<void> = Promise.resolve();
  /** A read failed (a part removed under it): the guess is given up. */
  private broken = false;

  /** A part request started: its place in the guessed order. */
  reserve(): Slot {
    const slot: Slot = { part: null, dropped: false };
    this.slots.push(slot);
    return slot;
  }

  /** Parts that named their number, by number, until hashed. */
  private readonly numbered = new Map<number, { id: string; path: string }>();
  private nextNumber = 0;

  /** The part of `slot` is stored as `id` at `path`; `name` is its form file name (a number hint). */
  fill(slot: Slot, id: string, path: string, name = ''): void {
    const hint = /^part-(\d{1,6})$/.exec(name);
    if (hint) {
      slot.dropped = true;
      this.numbered.set(Number(hint[1]), { id, path });
    } else {
      slot.part = { id, path };
    }
    this.advance();
  }

  /** The request of `slot` stored nothing. */
  drop(slot: Slot): void {
    slot.dropped = true;
    this.advance();
  }

  private advance(): void {
    this.running = this.running.then(async () => {
      while (!this.broken) {
        let part = this.numbered.get(this.nextNumber);
        if (part) {
          this.numbered.delete(this.nextNumber);
          this.nextNumber += 1;
        } else {
          const head = this.slots[0];
          if (head?.dropped) {
            this.slots.shift();
            continue;
          }
          if (!head?.part) return;
          this.slots.shift();
          part = head.part;
        }
        try {
          await hashFiles(this.hash, [part.path]);
          this.hashed.push(part.id);
        } catch {
          this.broken = true;
        }
      }
    });
  }

  /**
   * The MD5 of the parts in `order` (ids with their paths): from the running hash where the parts
   * hashed so far are the beginning of `order`, else from the first byte. Waits for the hashing
   * under way; the running hash itself is left as it was.
   */
  async digest(order: readonly { id: string; path: string }[]): Promise<string> {
    await this.running;
    const prefix = !this.broken && this.hashed.length <= order.length && this.hashed.every((id, i) => order[i]?.id === id);
    const hash = prefix ? this.hash.copy() : createHash('md5');
    await hashFiles(hash, order.slice(prefix ? this.hashed.length : 0).map((p) => p.path));
    return hash.digest('hex');
  }
}

/** One running hash per open Upload, dropped when it ends. */
export class OrderedPartHashes {
  private readonly byUpload = new Map<string, OrderedPartHash>();

  of(uploadId: string): OrderedPartHash {
    let found = this.byUpload.get(uploadId);
    if (!found) {
      found = new OrderedPartHash();
      this.byUpload.set(uploadId, found);
    }
    return found;
  }

  forget(uploadId: string): void {
    this.byUpload.delete(uploadId);
  }
}
