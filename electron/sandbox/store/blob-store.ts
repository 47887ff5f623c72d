/**
 * File contents on disk, written crash-safely: bytes stream into `tmp/<random>.part`, are fsynced,
 * then renamed into `blobs/<id>` (and the directory fsynced) before any row names them. A killed
 * server therefore leaves at most a `.part` file (removed at the next start) or an unreferenced
 * blob (swept at the next start), never a listed file with missing bytes.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** Flushes a directory entry change to disk; a no-op where directories cannot be opened (Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}

/** Content files under one data directory. */
export class BlobStore {
  readonly blobDir: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.blobDir = join(dataDir, 'blobs');
    this.tmpDir = join(dataDir, 'tmp');
    mkdirSync(this.blobDir, { recursive: true });
    mkdirSync(this.tmpDir, { recursive: true });
  }

  /** Removes every leftover partial upload; returns how many there were. */
  removeLeftoverTemps(): number {
    const leftovers = readdirSync(this.tmpDir);
    for (const name of leftovers) rmSync(join(this.tmpDir, name), { force: true, recursive: true });
    return leftovers.length;
  }

  /** Removes blobs no row references (a crash between rename and insert); returns the count. */
  removeOrphans(isReferenced: (id: string) => boolean): number {
    let removed = 0;
    for (const name of readdirSync(this.blobDir)) {
      if (!isReferenced(name)) {
        rmSync(join(this.blobDir, name), { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** A fresh path in the temp area for an upload in progress. */
  tempPath(): string {
    return join(this.tmpDir, `${randomUUID()}.part`);
  }

  path(id: string): string {
    return join(this.blobDir, id);
  }

  /** Moves a fully written and fsynced temp file into place as blob `id`. */
  async commit(tempPath: string, id: string): Promise<void> {
    await rename(tempPath, this.path(id));
    await fsyncDir(this.blobDir);
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true, recursive: true });
  }

  /**
   * Stores blob `id` as the given files joined in this order, without copying a byte: the blob is
   * a folder of hard links to them (`000000`, `000001`, ...), built in the temp area, fsynced and
   * renamed into place like any blob. An Upload's completed parts become its file this way, so
   * completing 4 GiB costs a few links rather than reading and writing 4 GiB again. The sources
   * stay where they were (the caller removes them once the file's row is in).
   */
  async commitJoined(pieces: readonly string[], id: string): Promise<void> {
    const temp = join(this.tmpDir, `${randomUUID()}.joined`);
    await mkdir(temp);
    try {
      for (const [index, piece] of pieces.entries()) await link(piece, join(temp, String(index).padStart(6, '0')));
      await fsyncDir(temp);
      await rename(temp, this.path(id));
    } catch (err) {
      await rm(temp, { force: true, recursive: true });
      throw err;
    }
    await fsyncDir(this.blobDir);
  }

  /**
   * Bytes `start` to `end` (inclusive) of blob `id`, whether it is one file or joined pieces (see
   * commitJoined), streamed from disk. Rejects when the blob is gone.
   */
  async openRange(id: string, start: number, end: number): Promise<Readable> {
    const path = this.path(id);
    const info = await stat(path);
    if (!info.isDirectory()) {
      const stream = createReadStream(path, { start, end });
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    }
    const names = (await readdir(path)).sort();
    const pieces = await Promise.all(names.map(async (name) => ({ path: join(path, name), bytes: (await stat(join(path, name))).size })));
    return Readable.from(
      (async function* joined() {
        let offset = 0;
        for (const piece of pieces) {
          const from = Math.max(start, offset);
          const to = Math.min(end, offset + piece.bytes - 1);
          if (from <= to) yield* createReadStream(piece.path, { start: from - offset, end: to - offset });
          offset += piece.bytes;
          if (offset > end) return;
        }
      })(),
    );
  }

  /**
   * Writes many small blobs at once for seeding. They skip the per-file fsync (one directory
   * fsync at the end instead), so a seeded store survives a killed process but not a power cut.
   */
  async writeMany(entries: Iterable<{ id: string; content: Buffer }>): Promise<void> {
    for (const { id, content } of entries) writeFileSync(this.path(id), content);
    await fsyncDir(this.blobDir);
  }
}
