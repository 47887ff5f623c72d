/**
 * The bytes of Upload parts, one file per part under `upload-parts/`, written the way blobs are:
 * streamed into the shared temp area, fsynced, renamed into place (directory fsynced), and only
 * then given a row. A killed sandbox leaves at most a `.part` temp (removed at start with the
 * others) or a part file without a row (removed at start by `removeOrphans`).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from './blob-store';

/** Part files of one data directory. */
export class PartFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'upload-parts');
    mkdirSync(this.dir, { recursive: true });
  }

  path(id: string): string {
    return join(this.dir, id);
  }

  /** Moves a fully written and fsynced temp file into place as part `id`. */
  async commit(tempPath: string, id: string): Promise<void> {
    await rename(tempPath, this.path(id));
    await fsyncDir(this.dir);
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  /** Removes part files no row references; returns how many. */
  removeOrphans(isReferenced: (id: string) => boolean): number {
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (!isReferenced(name)) {
        rmSync(join(this.dir, name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
