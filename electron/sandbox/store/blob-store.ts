/**
 * File contents on disk, written crash-safely: bytes stream into `tmp/<random>.part`, are fsynced,
 * then renamed into `blobs/<id>` (and the directory fsynced) before any row names them. A killed
 * server therefore leaves at most a `.part` file (removed at the next start) or an unreferenced
 * blob (swept at the next start), never a listed file with missing bytes.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

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
        rmSync(join(this.blobDir, name), { force: true });
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
    await rm(this.path(id), { force: true });
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
